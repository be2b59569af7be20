using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityGates.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class WeeklyDigest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ReceivesWeeklyDigest",
                table: "AspNetUsers",
                type: "bit",
                nullable: false,
                defaultValue: true); // existing managers get the digest, as new users do

            migrationBuilder.CreateIndex(
                name: "IX_Promises_Status_OutcomeDate",
                table: "Promises",
                columns: new[] { "Status", "OutcomeDate" });

            migrationBuilder.CreateIndex(
                name: "IX_PromiseLinks_NotReceived",
                table: "PromiseLinks",
                columns: new[] { "DepartmentId", "PromiseId" },
                filter: "\"ReceivedAtUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Lessons_CategoryId_CreatedAtUtc",
                table: "Lessons",
                columns: new[] { "CategoryId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_GateReviews_Returned",
                table: "GateReviews",
                columns: new[] { "State", "Stage" },
                filter: "\"State\" = 'Returned'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Promises_Status_OutcomeDate",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_PromiseLinks_NotReceived",
                table: "PromiseLinks");

            migrationBuilder.DropIndex(
                name: "IX_Lessons_CategoryId_CreatedAtUtc",
                table: "Lessons");

            migrationBuilder.DropIndex(
                name: "IX_GateReviews_Returned",
                table: "GateReviews");

            migrationBuilder.DropColumn(
                name: "ReceivesWeeklyDigest",
                table: "AspNetUsers");
        }
    }
}
