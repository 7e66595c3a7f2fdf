using EngagementPortal.Core.Accounts;

namespace EngagementPortal.Core.Tests.Accounts;

public sealed class CommonPasswordsTests
{
    [Fact]
    public void ShippedList_IsLoaded()
    {
        Assert.True(CommonPasswords.Count > 40_000, $"only {CommonPasswords.Count} passwords loaded");
    }

    [Theory]
    [InlineData("password")]
    [InlineData("qazwsxedcrfv")]
    [InlineData("1qaz2wsx3edc")]
    [InlineData("PASSWORD1234")]
    [InlineData("Password1234!")]
    [InlineData("!!monkey2024")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    public void Common_IsRefused(string password) => Assert.True(CommonPasswords.IsCommon(password));

    [Theory]
    [InlineData("plinth marmalade orbit")]
    [InlineData("copper kettle meadow")]
    [InlineData("7$kQ!vZ2#pL9")]
    public void Uncommon_IsAccepted(string password) => Assert.False(CommonPasswords.IsCommon(password));
}
