namespace QualityGates.Web.Pages.Shared;

public static class Messages
{
    public const string ConcurrencyConflict =
        "Someone else changed this record while you were working on it. Nothing was saved. " +
        "The form now shows the current state; check it and repeat your change if it is still needed.";
}
