using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace QualityGates.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ValueChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BrokenAtDepartmentId",
                table: "Promises",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CurrentLinkPosition",
                table: "Promises",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "HoldingDepartmentId",
                table: "Promises",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "LinkPosition",
                table: "GateReviews",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PromiseLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PromiseId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    Part = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReceiveBy = table.Column<DateOnly>(type: "date", nullable: true),
                    FeasibilityDecision = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PromiseLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PromiseLinks_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PromiseLinks_Promises_PromiseId",
                        column: x => x.PromiseId,
                        principalTable: "Promises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Every existing promise becomes a chain of one: its delivering department, holding it from the accepted handover on.
            migrationBuilder.Sql("INSERT INTO \"PromiseLinks\" (\"PromiseId\", \"Position\", \"DepartmentId\", \"FeasibilityDecision\", \"ReceivedAtUtc\") SELECT p.\"Id\", 1, p.\"DeliveringDepartmentId\", CASE WHEN p.\"Status\" IN ('Approved', 'Committed', 'InDelivery', 'Kept', 'Broken') THEN 'Go' ELSE NULL END, CASE WHEN p.\"Status\" IN ('InDelivery', 'Kept', 'Broken') THEN (SELECT MAX(r.\"DecidedAtUtc\") FROM \"GateReviews\" r WHERE r.\"PromiseId\" = p.\"Id\" AND r.\"Stage\" = 'Handover' AND r.\"Outcome\" = 'Go') ELSE NULL END FROM \"Promises\" p");
            migrationBuilder.Sql("UPDATE \"Promises\" SET \"HoldingDepartmentId\" = \"DeliveringDepartmentId\", \"CurrentLinkPosition\" = CASE WHEN \"Status\" IN ('InDelivery', 'Kept', 'Broken') THEN 1 ELSE 0 END, \"BrokenAtDepartmentId\" = CASE WHEN \"Status\" = 'Broken' THEN \"DeliveringDepartmentId\" ELSE NULL END");
            migrationBuilder.Sql("UPDATE \"GateReviews\" SET \"LinkPosition\" = 1 WHERE \"Stage\" <> 'Closure'");

            migrationBuilder.CreateIndex(
                name: "IX_Promises_BrokenAtDepartmentId",
                table: "Promises",
                column: "BrokenAtDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Promises_HoldingDepartmentId",
                table: "Promises",
                column: "HoldingDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_PromiseLinks_DepartmentId_PromiseId",
                table: "PromiseLinks",
                columns: new[] { "DepartmentId", "PromiseId" });

            migrationBuilder.CreateIndex(
                name: "IX_PromiseLinks_PromiseId_Position",
                table: "PromiseLinks",
                columns: new[] { "PromiseId", "Position" });

            migrationBuilder.AddForeignKey(
                name: "FK_Promises_Departments_BrokenAtDepartmentId",
                table: "Promises",
                column: "BrokenAtDepartmentId",
                principalTable: "Departments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Promises_Departments_HoldingDepartmentId",
                table: "Promises",
                column: "HoldingDepartmentId",
                principalTable: "Departments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Promises_Departments_BrokenAtDepartmentId",
                table: "Promises");

            migrationBuilder.DropForeignKey(
                name: "FK_Promises_Departments_HoldingDepartmentId",
                table: "Promises");

            migrationBuilder.DropTable(
                name: "PromiseLinks");

            migrationBuilder.DropIndex(
                name: "IX_Promises_BrokenAtDepartmentId",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_HoldingDepartmentId",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "BrokenAtDepartmentId",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "CurrentLinkPosition",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "HoldingDepartmentId",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "LinkPosition",
                table: "GateReviews");
        }
    }
}
