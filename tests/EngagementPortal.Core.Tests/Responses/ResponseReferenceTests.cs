using EngagementPortal.Core.Responses;

namespace EngagementPortal.Core.Tests.Responses;

public sealed class ResponseReferenceTests
{
    [Fact]
    public void Format_HasPrefixTwoGroupsOfFourAndOnlyReadableCharacters()
    {
        var reference = ResponseReference.Format("ICS", 1);

        Assert.Matches("^ICS-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$", reference);
        Assert.DoesNotContain(reference[4..], c => c is '0' or 'O' or '1' or 'I');
    }

    [Fact]
    public void Format_FirstHundredThousandSequences_AreAllDistinct()
    {
        var references = Enumerable.Range(0, 100_000).Select(i => ResponseReference.Format("ICS", i)).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(100_000, references.Count);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(123_456_789L)]
    [InlineData(ResponseReference.Capacity - 1)]
    public void SequenceOf_InvertsFormat_SoTheMappingIsABijection(long sequence)
    {
        Assert.Equal(sequence, ResponseReference.SequenceOf(ResponseReference.Format("ICS", sequence)));
    }

    [Fact]
    public void Format_NeighbouringSequences_DoNotLookAlike()
    {
        var a = ResponseReference.Format("ICS", 41);
        var b = ResponseReference.Format("ICS", 42);

        Assert.True(a.Zip(b).Count(p => p.First != p.Second) >= 4, $"{a} and {b} differ in too few places");
    }

    [Fact]
    public void Parse_TypedInLowerCaseWithSpaces_GivesTheCanonicalReference()
    {
        var reference = ResponseReference.Format("ICS", 77);
        var typed = " " + reference.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal) + " ";

        var parsed = ResponseReference.Parse(typed, "ICS");

        Assert.True(parsed.Succeeded);
        Assert.Equal(reference, parsed.Reference);
    }

    [Fact]
    public void Parse_EverySingleCharacterMistyped_IsRejected()
    {
        foreach (var sequence in new long[] { 1, 2, 999, 5_000_000 })
        {
            var body = ResponseReference.Format("ICS", sequence)[4..].Replace("-", "", StringComparison.Ordinal);
            for (var position = 0; position < body.Length; position++)
            {
                foreach (var c in ResponseReference.Alphabet.Where(c => c != body[position]))
                {
                    var typo = body[..position] + c + body[(position + 1)..];
                    Assert.False(ResponseReference.Parse(typo, "ICS").Succeeded, $"{typo} (from {body}) was accepted");
                }
            }
        }
    }

    [Fact]
    public void Parse_EveryAdjacentSwap_IsRejected()
    {
        for (long sequence = 0; sequence < 2_000; sequence++)
        {
            var body = ResponseReference.Format("ICS", sequence)[4..].Replace("-", "", StringComparison.Ordinal);
            for (var position = 0; position + 1 < body.Length; position++)
            {
                if (body[position] == body[position + 1])
                {
                    continue;
                }

                var swapped = body[..position] + body[position + 1] + body[position] + body[(position + 2)..];
                Assert.False(ResponseReference.Parse(swapped, "ICS").Succeeded, $"{swapped} (from {body}) was accepted");
            }
        }
    }

    [Theory]
    [InlineData("", "Enter your reference")]
    [InlineData("ICS-7K3M", "Enter your reference in full, like ICS-7K3M-9QDP")]
    [InlineData("ICS-0K3M-9QDP", "Your reference contains a character it cannot have: check it against your receipt")]
    [InlineData("ICS-7K3M-9Q<P", "Your reference contains a character it cannot have: check it against your receipt")]
    public void Parse_Malformed_SaysWhatIsWrong(string typed, string message)
    {
        var parsed = ResponseReference.Parse(typed, "ICS");

        Assert.False(parsed.Succeeded);
        Assert.Equal(message, parsed.Error);
    }
}
