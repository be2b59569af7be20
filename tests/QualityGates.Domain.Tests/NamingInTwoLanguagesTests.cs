namespace QualityGates.Domain.Tests;

public sealed class NamingInTwoLanguagesTests
{
    [Fact]
    public void A_reader_of_german_reads_the_german_name_and_a_reader_of_english_the_english_one()
    {
        var name = new LocalizedText("Response time", "Reaktionszeit");

        Assert.Equal("Reaktionszeit", name.In(LocalizedText.GermanLanguage));
        Assert.Equal("Response time", name.In(LocalizedText.EnglishLanguage));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Without_a_german_name_a_reader_of_german_reads_the_english_one(string? german)
    {
        var name = new LocalizedText("Production", german);

        Assert.Null(name.German);
        Assert.Equal("Production", name.In(LocalizedText.GermanLanguage));
    }

    [Fact]
    public void Names_are_kept_without_surrounding_spaces()
    {
        Assert.Equal(new LocalizedText("Service", "Kundendienst"), new LocalizedText("  Service ", " Kundendienst  "));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_english_name_is_always_needed(string english)
    {
        Assert.ThrowsAny<ArgumentException>(() => new LocalizedText(english, "Produktion"));
    }
}
