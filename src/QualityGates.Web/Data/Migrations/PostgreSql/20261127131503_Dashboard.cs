using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityGates.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Dashboard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Promises_CategoryId",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_CustomerId",
                table: "Promises");

            migrationBuilder.AddColumn<bool>(
                name: "ChangedAfterApproval",
                table: "Promises",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "DueDateSlipDays",
                table: "Promises",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FirstApprovedDueDate",
                table: "Promises",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FirstApprovedRevision",
                table: "Promises",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FirstApprovedTargetComparator",
                table: "Promises",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "FirstApprovedTargetDate",
                table: "Promises",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FirstApprovedTargetMetric",
                table: "Promises",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FirstApprovedTargetUnit",
                table: "Promises",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "FirstApprovedTargetValue",
                table: "Promises",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FirstFeasibilityDecision",
                table: "Promises",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "HandoverAcceptedFirstTime",
                table: "Promises",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutcomeAgainstFirstTarget",
                table: "Promises",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "DaysToDecision",
                table: "GateReviews",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PassedByEnvelope",
                table: "GateReviews",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Promises_CategoryId_DueDate",
                table: "Promises",
                columns: new[] { "CategoryId", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_CustomerId_DueDate",
                table: "Promises",
                columns: new[] { "CustomerId", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_DeliveringDepartmentId_DueDate",
                table: "Promises",
                columns: new[] { "DeliveringDepartmentId", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_DueDate_Status_PromisingDepartmentId_DeliveringDep~",
                table: "Promises",
                columns: new[] { "DueDate", "Status", "PromisingDepartmentId", "DeliveringDepartmentId", "CategoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_PromisingDepartmentId_DueDate",
                table: "Promises",
                columns: new[] { "PromisingDepartmentId", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_GateReviews_Stage_DecidedAtUtc",
                table: "GateReviews",
                columns: new[] { "Stage", "DecidedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Promises_CategoryId_DueDate",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_CustomerId_DueDate",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_DeliveringDepartmentId_DueDate",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_DueDate_Status_PromisingDepartmentId_DeliveringDep~",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_PromisingDepartmentId_DueDate",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_GateReviews_Stage_DecidedAtUtc",
                table: "GateReviews");

            migrationBuilder.DropColumn(
                name: "ChangedAfterApproval",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "DueDateSlipDays",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "FirstApprovedDueDate",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "FirstApprovedRevision",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "FirstApprovedTargetComparator",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "FirstApprovedTargetDate",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "FirstApprovedTargetMetric",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "FirstApprovedTargetUnit",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "FirstApprovedTargetValue",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "FirstFeasibilityDecision",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "HandoverAcceptedFirstTime",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "OutcomeAgainstFirstTarget",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "DaysToDecision",
                table: "GateReviews");

            migrationBuilder.DropColumn(
                name: "PassedByEnvelope",
                table: "GateReviews");

            migrationBuilder.CreateIndex(
                name: "IX_Promises_CategoryId",
                table: "Promises",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_Promises_CustomerId",
                table: "Promises",
                column: "CustomerId");
        }
    }
}
