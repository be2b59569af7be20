using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityGates.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SummariesAndWorkIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReviewCondition_OwnerId",
                table: "ReviewCondition");

            migrationBuilder.DropIndex(
                name: "IX_Promises_DeliveringDepartmentId_Status",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_OwnerId",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_PromisingDepartmentId_Status",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_Status_DueDate",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_GateReviews_DecidingDepartmentId_State",
                table: "GateReviews");

            migrationBuilder.AddColumn<DateOnly>(
                name: "OpenConditionsDueOn",
                table: "Promises",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CategoryId",
                table: "GateReviews",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "DeliveringDepartmentId",
                table: "GateReviews",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PromiseOwnerId",
                table: "GateReviews",
                type: "character varying(450)",
                maxLength: 450,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "PromisingDepartmentId",
                table: "GateReviews",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // A review judged its promise as it was; for reviews made before these columns the promise as it is now is
            // the best record there is (a promise's owner never changes).
            migrationBuilder.Sql("UPDATE \"GateReviews\" SET \"PromisingDepartmentId\" = (SELECT p.\"PromisingDepartmentId\" FROM \"Promises\" p WHERE p.\"Id\" = \"GateReviews\".\"PromiseId\"), \"DeliveringDepartmentId\" = (SELECT p.\"DeliveringDepartmentId\" FROM \"Promises\" p WHERE p.\"Id\" = \"GateReviews\".\"PromiseId\"), \"CategoryId\" = (SELECT p.\"CategoryId\" FROM \"Promises\" p WHERE p.\"Id\" = \"GateReviews\".\"PromiseId\"), \"PromiseOwnerId\" = (SELECT p.\"OwnerId\" FROM \"Promises\" p WHERE p.\"Id\" = \"GateReviews\".\"PromiseId\")");

            // A withdrawal now supersedes the running reviews and resolves the open conditions (nothing is left to
            // decide or fulfil); earlier withdrawals left them open.
            migrationBuilder.Sql("UPDATE \"GateReviews\" SET \"State\" = 'Superseded', \"DecidedAtUtc\" = (SELECT p.\"WithdrawnAtUtc\" FROM \"Promises\" p WHERE p.\"Id\" = \"GateReviews\".\"PromiseId\") WHERE \"State\" IN ('Open', 'OnHold', 'Returned') AND \"PromiseId\" IN (SELECT \"Id\" FROM \"Promises\" WHERE \"Status\" = 'Withdrawn')");
            migrationBuilder.Sql("UPDATE \"ReviewCondition\" SET \"ResolvedAtUtc\" = (SELECT p.\"WithdrawnAtUtc\" FROM \"GateReviews\" r JOIN \"Promises\" p ON p.\"Id\" = r.\"PromiseId\" WHERE r.\"Id\" = \"ReviewCondition\".\"GateReviewId\"), \"ResolvedById\" = (SELECT p.\"OwnerId\" FROM \"GateReviews\" r JOIN \"Promises\" p ON p.\"Id\" = r.\"PromiseId\" WHERE r.\"Id\" = \"ReviewCondition\".\"GateReviewId\"), \"ResolutionNote\" = (SELECT SUBSTRING(p.\"WithdrawalReason\", 1, 500) FROM \"GateReviews\" r JOIN \"Promises\" p ON p.\"Id\" = r.\"PromiseId\" WHERE r.\"Id\" = \"ReviewCondition\".\"GateReviewId\") WHERE \"ResolvedAtUtc\" IS NULL AND \"GateReviewId\" IN (SELECT \"Id\" FROM \"GateReviews\" WHERE \"PromiseId\" IN (SELECT \"Id\" FROM \"Promises\" WHERE \"Status\" = 'Withdrawn'))");

            // The earliest due date of each promise's open conditions, kept from now on at every save.
            migrationBuilder.Sql("UPDATE \"Promises\" SET \"OpenConditionsDueOn\" = (SELECT MIN(c.\"DueDate\") FROM \"ReviewCondition\" c JOIN \"GateReviews\" r ON r.\"Id\" = c.\"GateReviewId\" WHERE r.\"PromiseId\" = \"Promises\".\"Id\" AND c.\"ResolvedAtUtc\" IS NULL) WHERE \"Id\" IN (SELECT r.\"PromiseId\" FROM \"ReviewCondition\" c JOIN \"GateReviews\" r ON r.\"Id\" = c.\"GateReviewId\" WHERE c.\"ResolvedAtUtc\" IS NULL)");

            // The summary tables below are filled on the next start (SummaryRebuild, ADR 0021).
            migrationBuilder.CreateTable(
                name: "ActionMonthFigures",
                columns: table => new
                {
                    Month = table.Column<int>(type: "integer", nullable: false),
                    ResponsibleDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    Opened = table.Column<long>(type: "bigint", nullable: false),
                    Done = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionMonthFigures", x => new { x.Month, x.ResponsibleDepartmentId });
                });

            migrationBuilder.CreateTable(
                name: "CustomerMonthFigures",
                columns: table => new
                {
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Slice = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    SliceId = table.Column<int>(type: "integer", nullable: false),
                    CustomerId = table.Column<int>(type: "integer", nullable: false),
                    Kept = table.Column<long>(type: "bigint", nullable: false),
                    Broken = table.Column<long>(type: "bigint", nullable: false),
                    KeptAgainstFirst = table.Column<long>(type: "bigint", nullable: false),
                    BrokenAgainstFirst = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerMonthFigures", x => new { x.Slice, x.SliceId, x.Month, x.CustomerId });
                });

            migrationBuilder.CreateTable(
                name: "DecisionMonthFigures",
                columns: table => new
                {
                    Month = table.Column<int>(type: "integer", nullable: false),
                    DecidingDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    PromisingDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    DeliveringDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    CategoryId = table.Column<int>(type: "integer", nullable: false),
                    Go = table.Column<long>(type: "bigint", nullable: false),
                    GoByEnvelope = table.Column<long>(type: "bigint", nullable: false),
                    ConditionalGo = table.Column<long>(type: "bigint", nullable: false),
                    Recycle = table.Column<long>(type: "bigint", nullable: false),
                    NoGo = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionMonthFigures", x => new { x.Month, x.DecidingDepartmentId, x.PromisingDepartmentId, x.DeliveringDepartmentId, x.CategoryId });
                });

            migrationBuilder.CreateTable(
                name: "DurationHistograms",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Slice = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    SliceId = table.Column<int>(type: "integer", nullable: false),
                    Hours = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DurationHistograms", x => new { x.Kind, x.Slice, x.SliceId, x.Month, x.Hours });
                });

            migrationBuilder.CreateTable(
                name: "OpenReviewCounts",
                columns: table => new
                {
                    DecidingDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    Stage = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenReviewCounts", x => new { x.DecidingDepartmentId, x.Stage });
                });

            migrationBuilder.CreateTable(
                name: "OwnerDecisionDays",
                columns: table => new
                {
                    OwnerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OwnerDecisionDays", x => new { x.OwnerId, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "PromiseCounts",
                columns: table => new
                {
                    PromisingDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    DeliveringDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    CategoryId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Risk = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PromiseCounts", x => new { x.PromisingDepartmentId, x.DeliveringDepartmentId, x.CategoryId, x.Status, x.Risk });
                });

            migrationBuilder.CreateTable(
                name: "PromiseMonthFigures",
                columns: table => new
                {
                    Month = table.Column<int>(type: "integer", nullable: false),
                    PromisingDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    DeliveringDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    CategoryId = table.Column<int>(type: "integer", nullable: false),
                    Kept = table.Column<long>(type: "bigint", nullable: false),
                    Broken = table.Column<long>(type: "bigint", nullable: false),
                    KeptAgainstFirst = table.Column<long>(type: "bigint", nullable: false),
                    BrokenAgainstFirst = table.Column<long>(type: "bigint", nullable: false),
                    Submitted = table.Column<long>(type: "bigint", nullable: false),
                    Changes = table.Column<long>(type: "bigint", nullable: false),
                    Approved = table.Column<long>(type: "bigint", nullable: false),
                    ChangedAfterApproval = table.Column<long>(type: "bigint", nullable: false),
                    DueDateSlipDays = table.Column<long>(type: "bigint", nullable: false),
                    Committed = table.Column<long>(type: "bigint", nullable: false),
                    Ungated = table.Column<long>(type: "bigint", nullable: false),
                    FirstDecided = table.Column<long>(type: "bigint", nullable: false),
                    FirstPass = table.Column<long>(type: "bigint", nullable: false),
                    HandoverAccepted = table.Column<long>(type: "bigint", nullable: false),
                    HandoverReturned = table.Column<long>(type: "bigint", nullable: false),
                    BrokenUnrealisticAtGate = table.Column<long>(type: "bigint", nullable: false),
                    BrokenLostAtHandover = table.Column<long>(type: "bigint", nullable: false),
                    BrokenChangedByCustomer = table.Column<long>(type: "bigint", nullable: false),
                    BrokenExecution = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PromiseMonthFigures", x => new { x.Month, x.PromisingDepartmentId, x.DeliveringDepartmentId, x.CategoryId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewDecision_DecidedAtUtc",
                table: "ReviewDecision",
                column: "DecidedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCondition_Open_Owner",
                table: "ReviewCondition",
                columns: new[] { "OwnerId", "DueDate" },
                filter: "\"ResolvedAtUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Promises_DeliveringDepartmentId_Status_DueDate",
                table: "Promises",
                columns: new[] { "DeliveringDepartmentId", "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_OpenConditions",
                table: "Promises",
                columns: new[] { "Status", "OpenConditionsDueOn", "PromisingDepartmentId", "DeliveringDepartmentId", "CategoryId", "AtRisk" },
                filter: "\"OpenConditionsDueOn\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Promises_OwnerId_AtRisk_Status",
                table: "Promises",
                columns: new[] { "OwnerId", "AtRisk", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_OwnerId_Status",
                table: "Promises",
                columns: new[] { "OwnerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_PromisingDepartmentId_AtRisk_Status_DueDate",
                table: "Promises",
                columns: new[] { "PromisingDepartmentId", "AtRisk", "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_PromisingDepartmentId_Status_DueDate",
                table: "Promises",
                columns: new[] { "PromisingDepartmentId", "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_Status_DueDate_PromisingDepartmentId_DeliveringDep~",
                table: "Promises",
                columns: new[] { "Status", "DueDate", "PromisingDepartmentId", "DeliveringDepartmentId", "CategoryId", "AtRisk" });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_Title",
                table: "Promises",
                column: "Title");

            migrationBuilder.CreateIndex(
                name: "IX_GateReviews_Waiting",
                table: "GateReviews",
                columns: new[] { "DecidingDepartmentId", "OpenedAtUtc" },
                filter: "\"State\" IN ('Open', 'OnHold')");

            migrationBuilder.CreateIndex(
                name: "IX_GateReviews_Waiting_OpenedAtUtc",
                table: "GateReviews",
                column: "OpenedAtUtc",
                filter: "\"State\" IN ('Open', 'OnHold')");

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_Type_CreatedAtUtc",
                table: "Feedback",
                columns: new[] { "Type", "CreatedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActionMonthFigures");

            migrationBuilder.DropTable(
                name: "CustomerMonthFigures");

            migrationBuilder.DropTable(
                name: "DecisionMonthFigures");

            migrationBuilder.DropTable(
                name: "DurationHistograms");

            migrationBuilder.DropTable(
                name: "OpenReviewCounts");

            migrationBuilder.DropTable(
                name: "OwnerDecisionDays");

            migrationBuilder.DropTable(
                name: "PromiseCounts");

            migrationBuilder.DropTable(
                name: "PromiseMonthFigures");

            migrationBuilder.DropIndex(
                name: "IX_ReviewDecision_DecidedAtUtc",
                table: "ReviewDecision");

            migrationBuilder.DropIndex(
                name: "IX_ReviewCondition_Open_Owner",
                table: "ReviewCondition");

            migrationBuilder.DropIndex(
                name: "IX_Promises_DeliveringDepartmentId_Status_DueDate",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_OpenConditions",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_OwnerId_AtRisk_Status",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_OwnerId_Status",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_PromisingDepartmentId_AtRisk_Status_DueDate",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_PromisingDepartmentId_Status_DueDate",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_Status_DueDate_PromisingDepartmentId_DeliveringDep~",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_Title",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_GateReviews_Waiting",
                table: "GateReviews");

            migrationBuilder.DropIndex(
                name: "IX_GateReviews_Waiting_OpenedAtUtc",
                table: "GateReviews");

            migrationBuilder.DropIndex(
                name: "IX_Feedback_Type_CreatedAtUtc",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "OpenConditionsDueOn",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "CategoryId",
                table: "GateReviews");

            migrationBuilder.DropColumn(
                name: "DeliveringDepartmentId",
                table: "GateReviews");

            migrationBuilder.DropColumn(
                name: "PromiseOwnerId",
                table: "GateReviews");

            migrationBuilder.DropColumn(
                name: "PromisingDepartmentId",
                table: "GateReviews");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCondition_OwnerId",
                table: "ReviewCondition",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Promises_DeliveringDepartmentId_Status",
                table: "Promises",
                columns: new[] { "DeliveringDepartmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_OwnerId",
                table: "Promises",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Promises_PromisingDepartmentId_Status",
                table: "Promises",
                columns: new[] { "PromisingDepartmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_Status_DueDate",
                table: "Promises",
                columns: new[] { "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_GateReviews_DecidingDepartmentId_State",
                table: "GateReviews",
                columns: new[] { "DecidingDepartmentId", "State" });
        }
    }
}
