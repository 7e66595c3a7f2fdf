using System.Text;

namespace EngagementPortal.Core.Collation.Themes;

/// <summary>
/// Turns free text into lower-case, lightly stemmed word tokens without stop words. A light suffix
/// stripper rather than Porter: paraphrases in consultation answers mostly differ by inflection
/// ("ban", "banning", "banned"), and a small rule set is easy to read and deterministic.
/// </summary>
public static class TextTokens
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did",
        "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have",
        "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into",
        "is", "it", "its", "itself", "just", "me", "might", "more", "most", "must", "my", "myself", "no", "nor",
        "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over",
        "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
        "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
        "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
        "with", "would", "you", "your", "yours", "yourself", "yourselves", "s", "t", "don", "ll", "re", "ve", "d",
        "m", "may", "however", "think", "believe", "feel", "really", "much", "many", "well", "even", "like", "one",
        "make", "way", "thing", "things", "get", "go", "going", "lot", "quite", "rather", "still", "yet", "though",
        "although", "whether", "within", "without", "upon", "across", "among", "therefore", "thus", "indeed",
    };

    /// <summary>Tokens in order of appearance (stop words removed, stems applied).</summary>
    public static List<string> Words(string text)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                current.Append(char.ToLowerInvariant(ch));
            }
            else if (ch is '\'' or '\u2019' && current.Length > 0)
            {
                // "don't", "people's": keep the stem before the apostrophe, drop the clitic.
                Flush(current, result);
                current.Append('\u0000');
            }
            else
            {
                Flush(current, result);
            }
        }

        Flush(current, result);
        return result;
    }

    /// <summary>Lower-cased words without stemming or stop-word removal, for shingles that must match copies exactly.</summary>
    public static List<string> RawWords(string text)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                current.Append(char.ToLowerInvariant(ch));
            }
            else if (current.Length > 0)
            {
                result.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            result.Add(current.ToString());
        }

        return result;
    }

    private static void Flush(StringBuilder current, List<string> result)
    {
        if (current.Length == 0)
        {
            return;
        }

        if (current[0] == '\u0000')
        {
            // A clitic after an apostrophe ("t" of "don't", "s" of "people's"): not a word.
            current.Clear();
            return;
        }

        var word = current.ToString();
        current.Clear();
        if (word.Length < 2 || StopWords.Contains(word) || word.All(char.IsDigit))
        {
            return;
        }

        var stem = Stem(word);
        if (stem.Length >= 2 && !StopWords.Contains(stem))
        {
            result.Add(stem);
        }
    }

    /// <summary>A light English suffix stripper: plurals, -ing, -ed, -ly, -ment, -ness, -ation and friends.</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 3)
        {
            return word;
        }

        string[] suffixes =
        [
            "ational", "ization", "isation", "fulness", "ousness", "iveness", "ations", "ation", "ments", "ment",
            "nesses", "ness", "ingly", "edly", "ities", "ity", "ings", "ing", "ies", "ied", "ers", "er", "ed", "ly",
            "es", "s",
        ];
        foreach (var suffix in suffixes)
        {
            if (!word.EndsWith(suffix, StringComparison.Ordinal) || word.Length - suffix.Length < 3)
            {
                continue;
            }

            if (suffix == "s" && (word.EndsWith("ss", StringComparison.Ordinal) || word.EndsWith("us", StringComparison.Ordinal) || word.EndsWith("is", StringComparison.Ordinal)))
            {
                return word;
            }

            var stem = word[..^suffix.Length];
            if (suffix is "ies" or "ied" or "ities")
            {
                stem += "y";
            }
            else if (suffix is "ing" or "ed" or "ings" && stem.Length >= 3 && stem[^1] == stem[^2] && !"lsz".Contains(stem[^1], StringComparison.Ordinal))
            {
                // "banning" → "bann" → "ban".
                stem = stem[..^1];
            }
            else if (suffix is "es" && !(stem.EndsWith("ch", StringComparison.Ordinal) || stem.EndsWith("sh", StringComparison.Ordinal) || stem.EndsWith('x') || stem.EndsWith('s') || stem.EndsWith('z')))
            {
                // "advertises" → "advertis"+"e": keep the e that belongs to the word.
                stem += "e";
            }

            return StripFinalE(stem);
        }

        return StripFinalE(word);
    }

    // "advertise"/"advertis(ing)" and "regulate"/"regulat(ed)" meet at the same stem.
    private static string StripFinalE(string stem) =>
        stem.Length > 4 && stem[^1] == 'e' ? stem[..^1] : stem;
}
