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

    private static readonly string[] Suffixes =
    [
        "ational", "ization", "isation", "fulness", "ousness", "iveness", "ations", "ation", "ments", "ment",
        "nesses", "ness", "ingly", "edly", "ities", "ity", "ings", "ing", "ies", "ied", "ers", "er", "ed", "ly",
        "es", "s",
    ];

    private const int MaxWord = 64;

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordSpans = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Receives one term (a stem, or two stems joined by a space) without a string being made for it.</summary>
    public delegate void TermAction(ReadOnlySpan<char> term);

    /// <summary>Tokens in order of appearance (stop words removed, stems applied).</summary>
    public static List<string> Words(string text)
    {
        var result = new List<string>();
        Scan(text, term => result.Add(new string(term)), phrases: false);
        return result;
    }

    /// <summary>
    /// Every word stem and every two-word phrase of adjacent stems, as spans: collation interns them by
    /// span, so a term already seen costs no allocation.
    /// </summary>
    public static void Terms(string text, TermAction action) => Scan(text, action, phrases: true);

    private static void Scan(string text, TermAction action, bool phrases)
    {
        Span<char> word = stackalloc char[MaxWord];
        Span<char> stem = stackalloc char[MaxWord + 1];
        Span<char> pair = stackalloc char[(2 * MaxWord) + 3];
        var previous = -1; // length of the previous stem, kept at the start of pair
        var length = 0;

        void Emit(ReadOnlySpan<char> w, Span<char> stemBuffer, Span<char> pairBuffer)
        {
            if (w.Length < 2 || StopWordSpans.Contains(w) || !w.ContainsAnyExceptInRange('0', '9'))
            {
                return;
            }

            var stemLength = Stem(w, stemBuffer);
            var s = stemBuffer[..stemLength];
            if (stemLength < 2 || StopWordSpans.Contains(s))
            {
                return;
            }

            action(s);
            if (!phrases)
            {
                return;
            }

            if (previous > 0)
            {
                pairBuffer[previous] = ' ';
                s.CopyTo(pairBuffer[(previous + 1)..]);
                action(pairBuffer[..(previous + 1 + stemLength)]);
            }

            s.CopyTo(pairBuffer);
            previous = stemLength;
        }

        // After an apostrophe inside a word the rest is a clitic ("t" of "don't", "s" of "people's"): skipped.
        var skipping = false;
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                if (!skipping && length < MaxWord)
                {
                    word[length++] = char.ToLowerInvariant(ch);
                }

                continue;
            }

            if (ch is '\'' or '\u2019' && (length > 0 || skipping))
            {
                Emit(word[..length], stem, pair);
                length = 0;
                skipping = true;
                continue;
            }

            Emit(word[..length], stem, pair);
            length = 0;
            skipping = false;
        }

        if (!skipping)
        {
            Emit(word[..length], stem, pair);
        }
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

    /// <summary>A light English suffix stripper: plurals, -ing, -ed, -ly, -ment, -ness, -ation and friends.</summary>
    public static string Stem(string word)
    {
        Span<char> output = stackalloc char[word.Length + 1];
        return new string(output[..Stem(word, output)]);
    }

    private static int Stem(ReadOnlySpan<char> word, Span<char> output)
    {
        word.CopyTo(output);
        if (word.Length <= 3)
        {
            return word.Length;
        }

        var last = word[^1];
        foreach (var suffix in Suffixes)
        {
            // The last letter first: most suffixes are ruled out without comparing the rest.
            if (suffix[^1] != last || !word.EndsWith(suffix, StringComparison.Ordinal) || word.Length - suffix.Length < 3)
            {
                continue;
            }

            if (suffix == "s" && (word.EndsWith("ss", StringComparison.Ordinal) || word.EndsWith("us", StringComparison.Ordinal) || word.EndsWith("is", StringComparison.Ordinal)))
            {
                return word.Length;
            }

            var length = word.Length - suffix.Length;
            if (suffix is "ies" or "ied" or "ities")
            {
                output[length++] = 'y';
            }
            else if (suffix is "ing" or "ed" or "ings" && length >= 3 && output[length - 1] == output[length - 2] && output[length - 1] is not ('l' or 's' or 'z'))
            {
                // "banning" → "bann" → "ban".
                length--;
            }
            else if (suffix is "es")
            {
                var stem = output[..length];
                if (!(stem.EndsWith("ch", StringComparison.Ordinal) || stem.EndsWith("sh", StringComparison.Ordinal) || stem[^1] is 'x' or 's' or 'z'))
                {
                    // "advertises" → "advertis"+"e": keep the e that belongs to the word.
                    output[length++] = 'e';
                }
            }

            return StripFinalE(output, length);
        }

        return StripFinalE(output, word.Length);
    }

    // "advertise"/"advertis(ing)" and "regulate"/"regulat(ed)" meet at the same stem.
    private static int StripFinalE(Span<char> stem, int length) =>
        length > 4 && stem[length - 1] == 'e' ? length - 1 : length;
}
