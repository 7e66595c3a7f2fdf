using System.Collections.Concurrent;
using System.Runtime.InteropServices;
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
    private NearDuplicateIndex?[]? indexes;

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
    internal NearDuplicateIndex?[]? NearDuplicateIndexes { get => indexes; set => indexes = value; }

    /// <summary>
    /// The indexes for the next run to start from, let go of here: the run builds new ones, and the old ones (about
    /// 40 MB at 100,000 responses) need not stay alive beside them through its build. Should that run fail or be
    /// rejected, a later run from this state compares every bucket again, which gives the same groups, only slower.
    /// </summary>
    internal NearDuplicateIndex?[]? HandOverIndexes() => Interlocked.Exchange(ref indexes, null);

    /// <summary>The previous run's indexes, handed to the first build of this state only (then let go, so they can be collected).</summary>
    internal NearDuplicateIndex?[]? TakeSeed() => Interlocked.Exchange(ref seed, null);

    internal static IReadOnlyList<string> OptionsOf(Question question) => question.Type switch
    {
        QuestionType.FreeText => [],
        QuestionType.AgreeDisagree when question.Options.Count == 0 => Question.AgreeDisagreeOptions,
        QuestionType.YesNo when question.Options.Count == 0 => Question.YesNoOptions,
        _ => question.Options,
    };

    /// <summary>One shared array per single choice (most answers' choices), never changed: 400,000 answers need not hold 400,000 of them.</summary>
    private static readonly int[][] SingleChoices = [.. Enumerable.Range(0, 16).Select(i => new[] { i })];

    /// <summary>Reduces one response; safe to call for many responses at once (the term interner is thread-safe).</summary>
    internal ResponseContribution Reduce(CollationAnswerSet set)
    {
        var answers = new List<AnswerContribution>(set.Answers.Count);
        foreach (var answer in set.Answers)
        {
            if (!QuestionIndex.TryGetValue(answer.QuestionKey, out var q) || Answered(answers, q))
            {
                continue;
            }

            var choices = Choices(OptionsOf(Definition.Questions[q]), answer.Choices);

            var text = answer.Text?.Trim();
            byte[] terms = [];
            uint[]? signature = null;
            ulong textHash = 0;
            ulong signatureHash = 0;
            byte[]? quote = null;
            if (!string.IsNullOrEmpty(text))
            {
                terms = TermFeatures(text);
                var words = NearDuplicates.WordHashes(text, (scratch ??= new TermScratch()).Words);
                signature = NearDuplicates.Signature(words);
                textHash = NearDuplicates.TextHash(words);
                signatureHash = NearDuplicates.SignatureHash(signature);
                if (set.Consent != PublishingConsent.DoNotPublish)
                {
                    quote = Encoding.UTF8.GetBytes((answer.RedactedText ?? text).Trim());
                }
            }

            // Most answers carry no theme tag: no query is built for them.
            var themes = answer.Themes.Count == 0 ? []
                : answer.Themes.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            answers.Add(new AnswerContribution(q, choices, terms, signature, textHash, signatureHash, quote, themes));
        }

        // Readers give answers in question order, so this sort rarely moves anything (questions are distinct).
        var ordered = answers.ToArray();
        Array.Sort(ordered, static (a, b) => a.Question.CompareTo(b.Question));

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
            set.Equality.Count == 0 ? [] : set.Equality.Where(p => !string.IsNullOrWhiteSpace(p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Trim())).ToArray(),
            set.Partner,
            ordered);
    }

    private static bool Answered(List<AnswerContribution> answers, int question)
    {
        foreach (var a in answers)
        {
            if (a.Question == question)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The chosen options' indices, distinct and ascending; unknown choices are left out. Most answers tick one
    /// option or none, and take the shared arrays without a query being built.</summary>
    private static int[] Choices(IReadOnlyList<string> options, IReadOnlyList<string> chosen)
    {
        if (chosen.Count == 0)
        {
            return [];
        }

        if (chosen.Count == 1)
        {
            var index = IndexOf(options, chosen[0]);
            return index < 0 ? [] : index < SingleChoices.Length ? SingleChoices[index] : [index];
        }

        var choices = chosen.Select(c => IndexOf(options, c)).Where(i => i >= 0).Distinct().Order().ToArray();
        return choices.Length == 1 && choices[0] < SingleChoices.Length ? SingleChoices[choices[0]] : choices;
    }

    /// <summary>
    /// An answer's distinct term ids with their counts, done once per answer at ingestion and never again in
    /// incremental runs, packed as a <see cref="TermBag"/>. They are kept in term order (<see cref="TermInterner.Order"/>,
    /// a hash of the text, the order TF-IDF numbers its dimensions in), so every build maps them to ascending positions
    /// without sorting.
    /// </summary>
    [ThreadStatic]
    private static TermScratch? scratch;

    private byte[] TermFeatures(string text)
    {
        // Per-thread scratch: ingestion reduces thousands of answers a second, and only the two results are kept.
        var buffer = scratch ??= new TermScratch();
        buffer.Count = 0;
        buffer.Terms = Terms;
        TextTokens.Terms(text, buffer.Action);
        buffer.Terms = null;
        var n = buffer.Count;
        if (n == 0)
        {
            return [];
        }

        var found = buffer.Ids.AsSpan(0, n);
        var orders = buffer.Orders.AsSpan(0, n);
        return found.ContainsAnyExceptInRange(0, (1 << 20) - 1) ? TermFeaturesOfLargeIds(buffer, found, orders) : TermFeaturesOfSmallIds(buffer, found, orders);
    }

    /// <summary>
    /// The usual case, every term id under 2^20: each occurrence becomes one number, the term's order key above the low 20
    /// bits and its id in them, and one sort of plain numbers both brings a term's occurrences together (same id, same
    /// key) and puts the terms in term order, ties broken by id: the order <see cref="TermFeaturesOfLargeIds"/> gives.
    /// </summary>
    internal static byte[] TermFeaturesOfSmallIds(TermScratch buffer, Span<int> found, Span<ulong> orders)
    {
        var n = found.Length;
        var keys = buffer.Keys(n);
        for (var k = 0; k < n; k++)
        {
            keys[k] = (orders[k] & ~0xFFFFFUL) | (uint)found[k];
        }

        keys.Sort();
        var ids = buffer.SortedIds(n);
        var counts = buffer.SortedCounts(n);
        var distinct = 0;
        for (var k = 0; k < n; k++)
        {
            if (k > 0 && keys[k] == keys[k - 1])
            {
                // Saturates rather than wraps: a term repeated 65,535 times in one answer weighs no more.
                counts[distinct - 1] = (ushort)Math.Min(ushort.MaxValue, counts[distinct - 1] + 1);
                continue;
            }

            ids[distinct] = (int)(keys[k] & 0xFFFFF);
            counts[distinct++] = 1;
        }

        return TermBag.Pack(ids[..distinct], counts[..distinct]);
    }

    /// <summary>Any term id of 2^20 or more (a vocabulary of over a million words and phrases): distinct ids first, then
    /// their order keys sorted with each one's place among the ids in the low bits.</summary>
    internal static byte[] TermFeaturesOfLargeIds(TermScratch buffer, Span<int> found, Span<ulong> orders)
    {
        var n = found.Length;
        found.Sort(orders);
        var distinct = 1;
        for (var k = 1; k < n; k++)
        {
            if (found[k] != found[k - 1])
            {
                distinct++;
            }
        }

        var keys = buffer.Keys(distinct);
        var local = buffer.Local(distinct);
        var localCounts = buffer.LocalCounts(distinct);
        var at = 0;
        local[0] = found[0];
        localCounts[0] = 1;
        keys[0] = orders[0];
        for (var k = 1; k < n; k++)
        {
            if (found[k] == found[k - 1])
            {
                localCounts[at] = (ushort)Math.Min(ushort.MaxValue, localCounts[at] + 1);
                continue;
            }

            local[++at] = found[k];
            localCounts[at] = 1;
            keys[at] = orders[k];
        }

        // Term order: each key's low bits replaced by the term's place here, so one sort of plain numbers orders
        // them. Should two terms' keys agree above those bits, the build finds them out of order and sorts that
        // answer (TfIdf.TransformAll), so the result never depends on it.
        if (distinct > 1 << 20)
        {
            return TermBag.Pack(local[..distinct], localCounts[..distinct]);
        }

        var sortKeys = keys[..distinct];
        for (var k = 0; k < distinct; k++)
        {
            sortKeys[k] = (sortKeys[k] & ~0xFFFFFUL) | (uint)k;
        }

        sortKeys.Sort();
        var ids = buffer.SortedIds(distinct);
        var counts = buffer.SortedCounts(distinct);
        for (var k = 0; k < distinct; k++)
        {
            var from = (int)(sortKeys[k] & 0xFFFFF);
            ids[k] = local[from];
            counts[k] = localCounts[from];
        }

        return TermBag.Pack(ids, counts);
    }

    internal sealed class TermScratch
    {
        private ulong[] keys = new ulong[256];
        private int[] local = new int[256];
        private ushort[] localCounts = new ushort[256];
        private int[] sortedIds = new int[256];
        private ushort[] sortedCounts = new ushort[256];

        public TermScratch() => Action = Add;

        public TextTokens.TermAction Action { get; }

        /// <summary>The answer's word hashes (near-duplicate detection), refilled for each answer.</summary>
        public List<ulong> Words { get; } = new(128);

        public int[] Ids { get; private set; } = new int[512];

        public ulong[] Orders { get; private set; } = new ulong[512];

        public int Count { get; set; }

        public TermInterner? Terms { get; set; }

        public void Add(ReadOnlySpan<char> term)
        {
            var (id, order) = Terms!.Intern(term);
            if (Count == Ids.Length)
            {
                var ids = Ids;
                var orders = Orders;
                Array.Resize(ref ids, Count * 2);
                Array.Resize(ref orders, Count * 2);
                (Ids, Orders) = (ids, orders);
            }

            Ids[Count] = id;
            Orders[Count] = order;
            Count++;
        }

        public Span<ulong> Keys(int n) => Grow(ref keys, n).AsSpan(0, n);

        public Span<int> Local(int n) => Grow(ref local, n).AsSpan(0, n);

        public Span<ushort> LocalCounts(int n) => Grow(ref localCounts, n).AsSpan(0, n);

        public Span<int> SortedIds(int n) => Grow(ref sortedIds, n).AsSpan(0, n);

        public Span<ushort> SortedCounts(int n) => Grow(ref sortedCounts, n).AsSpan(0, n);

        private static T[] Grow<T>(ref T[] array, int n)
        {
            if (array.Length < n)
            {
                array = new T[Math.Max(n, array.Length * 2)];
            }

            return array;
        }
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
/// why snapshots never use them directly (TfIdf.FitIds numbers the terms in <see cref="Order"/>, a function of their text).
/// </summary>
internal sealed class TermInterner
{
    private readonly ConcurrentDictionary<string, (int Id, ulong Order)> ids;
    private readonly ConcurrentDictionary<string, (int Id, ulong Order)>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly List<string> terms;
    private readonly Lock gate = new();

    public TermInterner()
        : this(new ConcurrentDictionary<string, (int Id, ulong Order)>(StringComparer.Ordinal), [])
    {
    }

    private TermInterner(ConcurrentDictionary<string, (int Id, ulong Order)> ids, List<string> terms)
    {
        this.ids = ids;
        this.terms = terms;
        lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyList<string> Terms => terms;

    /// <summary>The order TF-IDF numbers terms in: a 64-bit hash of the text (ties, should any occur, by the text itself).</summary>
    public static ulong Order(ReadOnlySpan<char> term)
    {
        var h = 14695981039346656037UL;
        foreach (var ch in term)
        {
            h = (h ^ ch) * 1099511628211UL;
        }

        return NearDuplicates.Mix(h);
    }

    public (int Id, ulong Order) Intern(ReadOnlySpan<char> term)
    {
        if (lookup.TryGetValue(term, out var entry))
        {
            return entry;
        }

        lock (gate)
        {
            if (lookup.TryGetValue(term, out entry))
            {
                return entry;
            }

            var text = new string(term);
            entry = (terms.Count, Order(text));
            terms.Add(text);
            ids[text] = entry;
            return entry;
        }
    }

    public TermInterner Copy()
    {
        lock (gate)
        {
            return new TermInterner(new ConcurrentDictionary<string, (int Id, ulong Order)>(ids, StringComparer.Ordinal), [.. terms]);
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

/// <param name="Terms">Distinct term ids with how often each occurs in the answer (a <see cref="TermBag"/>), in term order
/// (<see cref="TermInterner.Order"/>), so they map to ascending TF-IDF positions.</param>
/// <param name="SignatureHash">A hash of the whole <paramref name="Signature"/> (exact copies), 0 when the text has no words.</param>
internal sealed record AnswerContribution(int Question, int[] Choices, byte[] Terms, uint[]? Signature, ulong TextHash, ulong SignatureHash, byte[]? Quote, string[] Themes)
{
    public bool HasText => Signature is not null;

    public string? QuoteText => Quote is null ? null : Encoding.UTF8.GetString(Quote);
}
