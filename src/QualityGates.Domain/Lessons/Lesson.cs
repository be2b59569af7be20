namespace QualityGates.Domain.Lessons;

/// <summary>
/// What the company learned, shown where the next promise of its category (and customer) is made and
/// reviewed. A lesson without a customer applies to all customers.
/// </summary>
public sealed class Lesson : IVersioned
{
    public const int TextMaxLength = 2000;

    private Lesson()
    {
        Text = "";
        CreatedById = "";
    }

    public int Id { get; private set; }

    public string Text { get; private set; }

    public int CategoryId { get; private set; }

    public int? CustomerId { get; private set; }

    public bool IsActive { get; private set; } = true;

    public string CreatedById { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public int Version { get; private set; }

    public static Lesson Learn(string text, int categoryId, int? customerId, string createdById, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(createdById);
        var lesson = new Lesson { CreatedById = createdById, CreatedAtUtc = nowUtc };
        lesson.Change(text, categoryId, customerId);
        return lesson;
    }

    public void Change(string text, int categoryId, int? customerId)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException("LessonNeedsText", "A lesson needs a text.");
        }

        Text = text.Trim();
        CategoryId = categoryId;
        CustomerId = customerId;
    }

    /// <summary>No longer shown where promises are made; kept for the record.</summary>
    public void Retire()
    {
        if (!IsActive)
        {
            throw new DomainException("LessonAlreadyRetired", "The lesson is already retired.");
        }

        IsActive = false;
    }

    public void Reinstate()
    {
        if (IsActive)
        {
            throw new DomainException("LessonAlreadyActive", "The lesson is already shown.");
        }

        IsActive = true;
    }
}
