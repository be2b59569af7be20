using QualityGates.Domain.Lessons;

namespace QualityGates.Domain.Tests;

public sealed class LearningALessonTests
{
    [Fact]
    public void A_lesson_needs_a_text_and_applies_to_all_customers_without_one()
    {
        var lesson = Lesson.Learn("  Ask for the spare-parts stock before promising 48 h.  ", 4, null, "a", PromiseBuilder.Now);

        Assert.Equal("Ask for the spare-parts stock before promising 48 h.", lesson.Text);
        Assert.Null(lesson.CustomerId);
        Assert.True(lesson.IsActive);
        Assert.Equal("LessonNeedsText", Assert.Throws<DomainException>(() => Lesson.Learn(" ", 4, null, "a", PromiseBuilder.Now)).Code);
    }

    [Fact]
    public void A_retired_lesson_is_kept_and_can_be_reinstated()
    {
        var lesson = Lesson.Learn("Text", 1, 7, "a", PromiseBuilder.Now);

        lesson.Retire();
        Assert.False(lesson.IsActive);
        Assert.Equal("LessonAlreadyRetired", Assert.Throws<DomainException>(lesson.Retire).Code);

        lesson.Reinstate();
        Assert.True(lesson.IsActive);
    }
}
