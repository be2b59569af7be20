using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityGates.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegisterAndConditionIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReviewCondition_ResolvedAtUtc_DueDate",
                table: "ReviewCondition");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCondition_Open_DueDate",
                table: "ReviewCondition",
                column: "DueDate",
                filter: "\"ResolvedAtUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Promises_Status_Id",
                table: "Promises",
                columns: new[] { "Status", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReviewCondition_Open_DueDate",
                table: "ReviewCondition");

            migrationBuilder.DropIndex(
                name: "IX_Promises_Status_Id",
                table: "Promises");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCondition_ResolvedAtUtc_DueDate",
                table: "ReviewCondition",
                columns: new[] { "ResolvedAtUtc", "DueDate" });
        }
    }
}
