using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityGates.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReferenceNamesPerLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NameGerman",
                table: "PromiseCategories",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "PromiseCategories",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "NameGerman",
                table: "GateDefinitions",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TextGerman",
                table: "GateCheckpoint",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameGerman",
                table: "Departments",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Departments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "NameGerman",
                table: "CapabilityEnvelopes",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            // Names are unique per language. EF 10 cannot declare an index over a complex type's columns
            // (dotnet/efcore#31246), so the model no longer knows IX_Departments_Name and IX_PromiseCategories_Name:
            // they stay as they are, and the German names get theirs here (ADR 0027).
            migrationBuilder.CreateIndex(
                name: "IX_Departments_NameGerman",
                table: "Departments",
                column: "NameGerman",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PromiseCategories_NameGerman",
                table: "PromiseCategories",
                column: "NameGerman",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Departments_NameGerman",
                table: "Departments");

            migrationBuilder.DropIndex(
                name: "IX_PromiseCategories_NameGerman",
                table: "PromiseCategories");

            migrationBuilder.DropColumn(
                name: "NameGerman",
                table: "PromiseCategories");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "PromiseCategories");

            migrationBuilder.DropColumn(
                name: "NameGerman",
                table: "GateDefinitions");

            migrationBuilder.DropColumn(
                name: "TextGerman",
                table: "GateCheckpoint");

            migrationBuilder.DropColumn(
                name: "NameGerman",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "NameGerman",
                table: "CapabilityEnvelopes");
        }
    }
}
