using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityGates.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EnvelopeMetricPerLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MetricGerman",
                table: "CapabilityEnvelopes",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnitGerman",
                table: "CapabilityEnvelopes",
                type: "TEXT",
                maxLength: 20,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MetricGerman",
                table: "CapabilityEnvelopes");

            migrationBuilder.DropColumn(
                name: "UnitGerman",
                table: "CapabilityEnvelopes");
        }
    }
}
