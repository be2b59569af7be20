using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityGates.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ValueChainFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "HandedOnAtUtc",
                table: "PromiseLinks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HandingOverDepartmentId",
                table: "GateReviews",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Returns",
                table: "GateReviews",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "BreakMonthFigures",
                columns: table => new
                {
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    BrokenAtDepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    PromisingDepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    DeliveringDepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Broken = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreakMonthFigures", x => new { x.Month, x.BrokenAtDepartmentId, x.PromisingDepartmentId, x.DeliveringDepartmentId, x.CategoryId });
                });

            migrationBuilder.CreateTable(
                name: "HandoverPairMonthFigures",
                columns: table => new
                {
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    FromDepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToDepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Accepted = table.Column<long>(type: "INTEGER", nullable: false),
                    AcceptedFirstTime = table.Column<long>(type: "INTEGER", nullable: false),
                    Returns = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HandoverPairMonthFigures", x => new { x.Month, x.FromDepartmentId, x.ToDepartmentId });
                });
            // The handovers decided so far were all from the promising side to the first (only) link; their returns are their Recycle decisions.
            migrationBuilder.Sql("UPDATE \"GateReviews\" SET \"HandingOverDepartmentId\" = \"PromisingDepartmentId\", \"Returns\" = (SELECT COUNT(*) FROM \"ReviewDecision\" d WHERE d.\"GateReviewId\" = \"GateReviews\".\"Id\" AND d.\"Decision\" = 'Recycle') WHERE \"Stage\" = 'Handover'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BreakMonthFigures");

            migrationBuilder.DropTable(
                name: "HandoverPairMonthFigures");

            migrationBuilder.DropColumn(
                name: "HandedOnAtUtc",
                table: "PromiseLinks");

            migrationBuilder.DropColumn(
                name: "HandingOverDepartmentId",
                table: "GateReviews");

            migrationBuilder.DropColumn(
                name: "Returns",
                table: "GateReviews");
        }
    }
}
