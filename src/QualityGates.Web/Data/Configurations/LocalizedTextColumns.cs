using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Domain;

namespace QualityGates.Web.Data.Configurations;

/// <summary>
/// A name in two languages (ADR 0027): the English in the column the name always had, so an existing installation
/// keeps its names as the English ones, and the German beside it in the same column name with "German" appended.
/// </summary>
internal static class LocalizedTextColumns
{
    public const string GermanSuffix = "German";

    public static Action<ComplexPropertyBuilder<LocalizedText>> In(string column, int maxLength) => text =>
    {
        text.Property(t => t.English).HasColumnName(column).HasMaxLength(maxLength).IsRequired();
        text.Property(t => t.German).HasColumnName(column + GermanSuffix).HasMaxLength(maxLength);
    };
}
