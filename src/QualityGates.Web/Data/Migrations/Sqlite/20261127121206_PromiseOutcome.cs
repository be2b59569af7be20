using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityGates.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PromiseOutcome : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "CommitChannel",
                table: "Promises",
                type: "TEXT",
                maxLength: 30,
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "ActualValue",
                table: "Promises",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AtRisk",
                table: "Promises",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "BreachCause",
                table: "Promises",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Evidence",
                table: "Promises",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "Promises",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "OutcomeDate",
                table: "Promises",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RiskMeasure",
                table: "Promises",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RiskRaisedAtUtc",
                table: "Promises",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RiskReason",
                table: "Promises",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ActualValue",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "AtRisk",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "BreachCause",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "Evidence",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "OutcomeDate",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "RiskMeasure",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "RiskRaisedAtUtc",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "RiskReason",
                table: "Promises");

            migrationBuilder.AlterColumn<int>(
                name: "CommitChannel",
                table: "Promises",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 30,
                oldNullable: true);
        }
    }
}
