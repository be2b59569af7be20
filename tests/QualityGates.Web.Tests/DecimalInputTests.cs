using System.Globalization;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Tests;

public sealed class DecimalInputTests
{
    [Theory]
    [InlineData("de", "99,5", 99.5)]
    [InlineData("de", "99.5", 99.5)]
    [InlineData("de", "1.000", 1000)]
    [InlineData("de", "1.234.567,8", 1234567.8)]
    [InlineData("de", "-0,25", -0.25)]
    [InlineData("en", "99.5", 99.5)]
    [InlineData("en", "99,5", 99.5)]
    [InlineData("en", "1,000", 1000)]
    [InlineData("en", "1,000.5", 1000.5)]
    [InlineData("en", "4", 4)]
    public void Numbers_in_either_supported_format_are_read_as_meant(string culture, string text, double expected)
    {
        Assert.True(FlexibleDecimalModelBinder.TryParse(text, CultureInfo.GetCultureInfo(culture), out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("de", "vier")]
    [InlineData("de", "1.00.0")]
    [InlineData("en", "1,2,3")]
    [InlineData("en", "4 h")]
    [InlineData("en", "")]
    public void Text_that_is_no_number_is_refused(string culture, string text)
    {
        Assert.False(FlexibleDecimalModelBinder.TryParse(text, CultureInfo.GetCultureInfo(culture), out _));
    }
}
