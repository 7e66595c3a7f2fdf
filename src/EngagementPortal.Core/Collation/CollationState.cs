using System.Collections.Concurrent;
using System.Text;
using EngagementPortal.Core.Collation.Themes;
using EngagementPortal.Core.Consultations;

namespace EngagementPortal.Core.Collation;

/// <summary>
/// The accumulator behind a snapshot: each current response reduced to what collation needs (option
/// indices, term ids, a MinHash signature, the publishable quote) and keyed by response id. A snapshot
/// is always built from this state in response-id order, so a state reached incrementally (previous
/// state + new and changed responses) gives exactly the snapshot a full run gives. Never changed after
/// it is made: an update copies it.
/// </summary>
public sealed class CollationState
{
    private NearDuplicateIndex?[]? seed;

    internal CollationState(CollationDefinition definition, CollationOptions options, TermInterner terms, Dictionary<string, ResponseContribution> responses, DateTimeOffset watermark, NearDuplicateIndex?[]? seed = null)
    {
        this.seed = seed;
        Definition = definition;
        Options = options;
        Terms = terms;
        Responses = responses;
        Watermark = watermark;
        QuestionIndex = definition.Questions.Select((q, i) => (q.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
    }

    public CollationDefinition Definition { get; }

    public CollationOptions Options { get; }

    /// <summary>The latest <see cref="CollationAnswerSet.UpdatedAt"/> seen: the next incremental run asks for responses changed after it.</summary>
    public DateTimeOffset Watermark { get; }

    public int ResponseCount => Responses.Count;

    internal TermInterner Terms { get; }

    internal Dictionary<string, ResponseContribution> Responses { get; }

    internal Dictionary<string, int> QuestionIndex { get; }

    /// <summary>
    /// Each question's near-duplicate index from the last build of this state (docs/adr/0142): derived data, kept
    /// for the next incremental run, which starts from it instead of comparing every bucket again.
    /// </summary>
    internal NearDuplicateIndex?[]? NearDuplicateIndexes { get; set; }

    /// <summary>The previous run's indexes, handed to the first build of this state only (then let go, so they can be collected).</summary>
    internal NearDuplicateIndex?[]? TakeSeed() => Interlocked.Exchange(ref seed, null);

    internal static IReadOnlyList<string> OptionsOf(Question question) => question.Type switch
    {
        QuestionType.FreeText => [],
        QuestionType.AgreeDisagree when question.Options.Count == 0 => Question.AgreeDisagreeOptions,
        QuestionType.YesNo when question.Options.Count == 0 => Question.YesNoOptions,
        _ => question.Options,
    };

    /// <summary>Reduces one response; safe to call for many responses at once (the term interner is thread-safe).</summary>
    internal ResponseContribution Reduce(CollationAnswerSet set)
    {
        var answers = new List<AnswerContribution>(set.Answers.Count);
        foreach (var answer in set.Answers)
        {
            if (!QuestionIndex.TryGetValue(answer.QuestionKey, out var q) || answers.Any(a => a.Question == q))
            {
                continue;
            }

            var options = OptionsOf(Definition.Questions[q]);
            var choices = answer.Choices
                .Select(c => IndexOf(options, c))
                .Where(i => i >= 0)
                .Distinct()
                .Order()
                .ToArray();
            var text = answer.Text?.Trim();
            int[] terms = [];
            ushort[] counts = [];
            uint[]? signature = null;
            ulong textHash = 0;
            ulong signatureHash = 0;
            byte[]? quote = null;
            if (!string.IsNullOrEmpty(text))
            {
                (terms, counts) = TermFeatures(text);
                var words = NearDuplicates.WordHashes(text);
                signature = NearDuplicates.Signature(words);
                textHash = NearDuplicates.TextHash(words);
                signatureHash = NearDuplicates.SignatureHash(signature);
                if (set.Consent != PublishingConsent.DoNotPublish)
                {
                    quote = Encoding.UTF8.GetBytes((answer.RedactedText ?? text).Trim());
                }
            }

            var themes = answer.Themes.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            answers.Add(new AnswerContribution(q, choices, terms, counts, signature, textHash, signatureHash, quote, themes));
        }

        return new ResponseContribution(
            set.ResponseId,
            set.RespondentType,
            set.Moderation,
            set.Consent,
            string.IsNullOrWhiteSpace(set.Channel) ? "Unknown" : set.Channel.Trim(),
            string.IsNullOrWhiteSpace(set.Place) ? null : set.Place.Trim(),
            set.RespondentKey,
            set.DisplayName,
            set.UpdatedAt,
            set.Equality.Where(p => !string.IsNullOrWhiteSpace(p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Trim())).ToArray(),
            set.Partner,
            answers.OrderBy(a => a.Question).ToArray());
    }

    /// <summary>
    /// An answer's distinct term ids (ascending) with their counts: done once per answer at ingestion, never again
    /// in incremental runs; the build maps ids to TF-IDF positions and sorts those.
    /// </summary>
    private (int[] Ids, ushort[] Counts) TermFeatures(string text)
    {
        var found = new List<int>(text.Length / 3);
        TextTokens.Terms(text, term => found.Add(Terms.Intern(term)));
        if (found.Count == 0)
        {
            return ([], []);
        }

        found.Sort();
        var distinct = 1;
        for (var k = 1; k < found.Count; k++)
        {
            if (found[k] != found[k - 1])
            {
                distinct++;
            }
        }

        var ids = new int[distinct];
        var counts = new ushort[distinct];
        var at = 0;
        ids[0] = found[0];
        counts[0] = 1;
        for (var k = 1; k < found.Count; k++)
        {
            if (found[k] == found[k - 1])
            {
                // Saturates rather than wraps: a term repeated 65,535 times in one answer weighs no more.
                counts[at] = (ushort)Math.Min(ushort.MaxValue, counts[at] + 1);
                continue;
            }

            ids[++at] = found[k];
            counts[at] = 1;
        }

        return (ids, counts);
    }

    private static int IndexOf(IReadOnlyList<string> options, string choice)
    {
        for (var i = 0; i < options.Count; i++)
        {
            if (string.Equals(options[i], choice, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>
/// Terms (words and phrases) stored once, answers keep their ids. Thread-safe and append-only, copied on
/// update; looked up by span so a known term costs no allocation. Ids depend on arrival order, which is
/// why snapshots never use them directly (TfIdf.FitIds remaps them to the ordinal order of the text).
/// </summary>
internal sealed class TermInterner
{
    private readonly ConcurrentDictionary<string, int> ids;
    private readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly List<string> terms;
    private readonly Lock gate = new();

    public TermInterner()
        : this(new ConcurrentDictionary<string, int>(StringComparer.Ordinal), [])
    {
    }

    private TermInterner(ConcurrentDictionary<string, int> ids, List<string> terms)
    {
        this.ids = ids;
        this.terms = terms;
        lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyList<string> Terms => terms;

    public int Intern(ReadOnlySpan<char> term)
    {
        if (lookup.TryGetValue(term, out var id))
        {
            return id;
        }

        lock (gate)
        {
            if (lookup.TryGetValue(term, out id))
            {
                return id;
            }

            var text = new string(term);
            id = terms.Count;
            terms.Add(text);
            ids[text] = id;
            return id;
        }
    }

    public TermInterner Copy()
    {
        lock (gate)
        {
            return new TermInterner(new ConcurrentDictionary<string, int>(ids, StringComparer.Ordinal), [.. terms]);
        }
    }
}

internal sealed record ResponseContribution(
    string ResponseId,
    RespondentType RespondentType,
    ModerationState Moderation,
    PublishingConsent Consent,
    string Channel,
    string? Place,
    string? RespondentKey,
    string? DisplayName,
    DateTimeOffset UpdatedAt,
    (string Question, string Answer)[] Equality,
    PartnerDetails? Partner,
    AnswerContribution[] Answers)
{
    public bool Included => Moderation is ModerationState.None or ModerationState.Campaign;

    public bool Publishable => Consent != PublishingConsent.DoNotPublish;

    public AnswerContribution? AnswerTo(int question)
    {
        foreach (var a in Answers)
        {
            if (a.Question == question)
            {
                return a;
            }
        }

        return null;
    }

    public string Attribution => Consent == PublishingConsent.PublishWithName
        ? DisplayName ?? Partner?.OrganisationName ?? TypeName(RespondentType)
        : TypeName(RespondentType) + " (anonymous)";

    public static string TypeName(RespondentType type) => type switch
    {
        RespondentType.Individual => "Individual",
        RespondentType.OrganisationPublic => "Organisation",
        _ => "Partner organisation",
    };
}

/// <param name="Terms">Distinct term ids, ascending.</param>
/// <param name="TermCounts">How often each of <paramref name="Terms"/> occurs in the answer.</param>
/// <param name="SignatureHash">A hash of the whole <paramref name="Signature"/> (exact copies), 0 when the text has no words.</param>
internal sealed record AnswerContribution(int Question, int[] Choices, int[] Terms, ushort[] TermCounts, uint[]? Signature, ulong TextHash, ulong SignatureHash, byte[]? Quote, string[] Themes)
{
    public bool HasText => Signature is not null;

    public string? QuoteText => Quote is null ? null : Encoding.UTF8.GetString(Quote);
}
