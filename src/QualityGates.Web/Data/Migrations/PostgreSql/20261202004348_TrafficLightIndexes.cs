using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityGates.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TrafficLightIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Promises_DeliveringDepartmentId_Status_DueDate",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_OpenConditions",
                table: "Promises");

            migrationBuilder.CreateIndex(
                name: "IX_Promises_DeliveringDepartmentId_Status_DueDate_AtRisk",
                table: "Promises",
                columns: new[] { "DeliveringDepartmentId", "Status", "DueDate", "AtRisk" });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_OpenConditions",
                table: "Promises",
                columns: new[] { "Status", "OpenConditionsDueOn", "PromisingDepartmentId", "DeliveringDepartmentId", "CategoryId", "AtRisk", "DueDate" },
                filter: "\"OpenConditionsDueOn\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Promises_DeliveringDepartmentId_Status_DueDate_AtRisk",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_OpenConditions",
                table: "Promises");

            migrationBuilder.CreateIndex(
                name: "IX_Promises_DeliveringDepartmentId_Status_DueDate",
                table: "Promises",
                columns: new[] { "DeliveringDepartmentId", "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_OpenConditions",
                table: "Promises",
                columns: new[] { "Status", "OpenConditionsDueOn", "PromisingDepartmentId", "DeliveringDepartmentId", "CategoryId", "AtRisk" },
                filter: "\"OpenConditionsDueOn\" IS NOT NULL");
        }
    }
}
