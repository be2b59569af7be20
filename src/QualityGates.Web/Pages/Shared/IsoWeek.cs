using System.Globalization;

namespace QualityGates.Web.Pages.Shared;

/// <summary>An ISO 8601 week (Monday to Sunday), written "2026-W49".</summary>
public readonly record struct IsoWeek(int Year, int Number)
{
    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Number, DayOfWeek.Monday));

    public DateOnly Sunday => Monday.AddDays(6);

    public IsoWeek Previous => Of(Monday.AddDays(-7));

    public IsoWeek Next => Of(Monday.AddDays(7));

    public static IsoWeek Of(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(date), ISOWeek.GetWeekOfYear(date));
    }

    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        var parts = text?.Split("-W", StringSplitOptions.None);
        if (parts is not [var year, var number]
            || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || y is < 1 or > 9998 || n < 1 || n > ISOWeek.GetWeeksInYear(y))
        {
            return false;
        }

        week = new IsoWeek(y, n);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}-W{Number:00}");
}
