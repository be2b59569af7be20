using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Domain.Departments;

namespace QualityGates.Web.Data.Configurations;

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        // Unique per language: EF 10 cannot declare an index over a complex type's columns (dotnet/efcore#31246),
        // so the migrations create IX_Departments_Name and IX_Departments_NameGerman themselves (ADR 0027).
        builder.ComplexProperty(d => d.Name, LocalizedTextColumns.In("Name", Department.NameMaxLength));
        builder.Property(d => d.Version).IsConcurrencyToken();
    }
}
