using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EngagementPortal.Core.Collation;

namespace EngagementPortal.Core.PartnershipResponses;

public enum CitationKind
{
    Theme,
    Partner,
    Tally,
}

/// <summary>One <c>[[kind:target]]</c> in a narrative, where it starts, and the text as written.</summary>
public sealed record Citation(string Written, string Kind, string Target, int Index);

/// <summary>What a citation points to in the snapshot, in words for the reference list under the narrative.</summary>
public sealed record CitedReference(int Number, CitationKind Kind, string Target, string Text);

/// <summary>A narrative checked against its snapshot: errors block saving and sign-off, warnings (uncited paragraphs) do not.</summary>
public sealed record CitationCheck(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Evidence cited inline in the officers' narrative: <c>[[theme:Name]]</c> (a coded theme of the question),
/// <c>[[partner:Organisation]]</c> (a partner organisation's position) and <c>[[tally:Q1]]</c> (a question's tally).
/// A citation must name something in the chosen snapshot, so a signed-off response can always be traced to its
/// evidence; a paragraph that cites nothing is only flagged, because an introduction or a conclusion may stand alone.
/// </summary>
public static partial class Citations
{
    [GeneratedRegex(@"\[\[([^\[\]:\r\n]*):([^\[\]\r\n]*)\]\]", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"\r?\n[ \t]*\r?\n", RegexOptions.CultureInvariant)]
    private static partial Regex BlankLine();

    public static IReadOnlyList<Citation> Parse(string? markdown) =>
        Pattern().Matches(markdown ?? "").Select(m => new Citation(m.Value, m.Groups[1].Value.Trim(), m.Groups[2].Value.Trim(), m.Index)).ToList();

    /// <summary>Checks one question's narrative against the snapshot: every citation must resolve; uncited paragraphs are warnings.</summary>
    public static CitationCheck Check(string? markdown, QuestionEvidence question, CollationContent snapshot)
    {
        var errors = new List<string>();
        foreach (var citation in Parse(markdown))
        {
            if (Resolve(citation, question, snapshot) is { Error: { } error })
            {
                errors.Add($"Question {question.Number}: {error}");
            }
        }

        var warnings = new List<string>();
        var paragraphs = BlankLine().Split(markdown ?? "").Select(p => p.Trim()).Where(p => p.Length > 0 && !p.StartsWith('#')).ToList();
        for (var i = 0; i < paragraphs.Count; i++)
        {
            if (Parse(paragraphs[i]).Count == 0)
            {
                var start = paragraphs[i].Length > 60 ? paragraphs[i][..60] + "…" : paragraphs[i];
                warnings.Add($"Question {question.Number}, paragraph {(i + 1).ToString(CultureInfo.InvariantCulture)} cites no evidence: \u201C{start}\u201D");
            }
        }

        return new CitationCheck(errors, warnings);
    }

    /// <summary>
    /// The narrative with each citation replaced by a numbered marker (escaped Markdown brackets, so it stays text) and
    /// the references those numbers stand for; citing the same evidence twice reuses its number.
    /// </summary>
    public static (string Markdown, IReadOnlyList<CitedReference> References) Number(string? markdown, QuestionEvidence question, CollationContent snapshot)
    {
        var references = new List<CitedReference>();
        var numbers = new Dictionary<(CitationKind, string), int>();
        var text = Pattern().Replace(markdown ?? "", match =>
        {
            var citation = new Citation(match.Value, match.Groups[1].Value.Trim(), match.Groups[2].Value.Trim(), match.Index);
            var resolved = Resolve(citation, question, snapshot);
            if (resolved.Reference is not { } reference)
            {
                // A stored version was checked on save against this very snapshot, so this is only a safety net.
                return "\\[citation not found\\]";
            }

            var key = (reference.Kind, reference.Target.ToUpperInvariant());
            if (!numbers.TryGetValue(key, out var number))
            {
                number = references.Count + 1;
                numbers[key] = number;
                references.Add(reference with { Number = number });
            }

            return "\\[" + number.ToString(CultureInfo.InvariantCulture) + "\\]";
        });
        return (text, references);
    }

    private sealed record Resolution(CitedReference? Reference, string? Error);

    private static Resolution Resolve(Citation citation, QuestionEvidence question, CollationContent snapshot)
    {
        if (citation.Target.Length == 0)
        {
            return new(null, $"{citation.Written} names nothing: write what it cites after the colon, such as [[theme:Workforce]]");
        }

        switch (citation.Kind.ToLowerInvariant())
        {
            case "theme":
                var theme = question.CodedThemes.FirstOrDefault(t => string.Equals(t.Name.Trim(), citation.Target, StringComparison.OrdinalIgnoreCase));
                if (theme is null)
                {
                    var known = question.CodedThemes.Count == 0 ? "it has no coded themes" : "its coded themes are " + string.Join(", ", question.CodedThemes.Select(t => t.Name));
                    return new(null, $"{citation.Written} cites a theme that is not in this question's evidence in the chosen snapshot ({known})");
                }

                return new(new CitedReference(0, CitationKind.Theme, theme.Name, $"Theme \u201C{theme.Name}\u201D: {N(theme.Count)} answers ({P(theme.Percent)}%)"), null);
            case "partner":
                var organisation = snapshot.Partners.Organisations.FirstOrDefault(o => string.Equals(o.Organisation.Trim(), citation.Target, StringComparison.OrdinalIgnoreCase));
                if (organisation is null)
                {
                    return new(null, $"{citation.Written} cites a partner organisation that has no submission in the chosen snapshot");
                }

                return new(new CitedReference(0, CitationKind.Partner, organisation.Organisation, PartnerText(organisation, snapshot)), null);
            case "tally":
                var target = citation.Target.TrimStart('Q', 'q');
                var cited = int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    ? snapshot.Questions.FirstOrDefault(q => q.Number == number)
                    : null;
                if (cited is null || cited.Tally.Count == 0)
                {
                    return new(null, $"{citation.Written} cites a tally that is not in the chosen snapshot: write the number of a question with choices, such as [[tally:Q1]]");
                }

                return new(new CitedReference(0, CitationKind.Tally, "Q" + cited.Number.ToString(CultureInfo.InvariantCulture), TallyText(cited)), null);
            default:
                return new(null, $"{citation.Written} is not a kind of evidence: cite [[theme:…]], [[partner:…]] or [[tally:Q…]]");
        }
    }

    public static string TallyText(QuestionEvidence question)
    {
        var answered = question.Tally.Where(r => r.Overall.Count > 0).Select(r => $"{r.Option} {N(r.Overall.Count)} ({P(r.Overall.Percent)}%)");
        return $"Question {question.Number.ToString(CultureInfo.InvariantCulture)} tally, all respondents: {string.Join("; ", answered)}";
    }

    private static string PartnerText(PartnerPosition organisation, CollationContent snapshot)
    {
        var text = new StringBuilder(organisation.Organisation).Append(" (").Append(organisation.GovernanceStatus).Append(')');
        var positions = new List<string>();
        for (var i = 0; i < snapshot.Partners.QuestionKeys.Count && i < organisation.Positions.Count; i++)
        {
            var number = snapshot.Questions.FirstOrDefault(q => q.Key == snapshot.Partners.QuestionKeys[i])?.Number;
            positions.Add($"Q{number?.ToString(CultureInfo.InvariantCulture) ?? snapshot.Partners.QuestionKeys[i]} {organisation.Positions[i] ?? "not answered"}");
        }

        if (positions.Count > 0)
        {
            text.Append(": ").AppendJoin("; ", positions);
        }

        return text.ToString();
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.GetCultureInfo("en-GB"));

    private static string P(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
