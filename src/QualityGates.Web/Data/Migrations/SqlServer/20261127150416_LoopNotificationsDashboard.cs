using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityGates.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class LoopNotificationsDashboard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReviewCondition_ResolvedAtUtc_DueDate",
                table: "ReviewCondition");

            migrationBuilder.DropIndex(
                name: "IX_Promises_CategoryId",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_CustomerId",
                table: "Promises");

            migrationBuilder.AddColumn<bool>(
                name: "ChangedAfterApproval",
                table: "Promises",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "DueDateSlipDays",
                table: "Promises",
                type: "int",
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
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FirstApprovedTargetComparator",
                table: "Promises",
                type: "nvarchar(30)",
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
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FirstApprovedTargetUnit",
                table: "Promises",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "FirstApprovedTargetValue",
                table: "Promises",
                type: "decimal(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FirstFeasibilityDecision",
                table: "Promises",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "HandoverAcceptedFirstTime",
                table: "Promises",
                type: "bit",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutcomeAgainstFirstTarget",
                table: "Promises",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "DaysToDecision",
                table: "GateReviews",
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PassedByEnvelope",
                table: "GateReviews",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "EmailNotifications",
                table: "AspNetUsers",
                type: "bit",
                nullable: false,
                defaultValue: true); // existing users keep getting e-mail

            migrationBuilder.CreateTable(
                name: "Feedback",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Type = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Severity = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    PromiseId = table.Column<int>(type: "int", nullable: true),
                    CustomerId = table.Column<int>(type: "int", nullable: true),
                    Status = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    FiledById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    TriagedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    TriagedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    TriageNote = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ClosingNote = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Feedback", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Feedback_AspNetUsers_FiledById",
                        column: x => x.FiledById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Feedback_AspNetUsers_TriagedById",
                        column: x => x.TriagedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Feedback_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Feedback_Promises_PromiseId",
                        column: x => x.PromiseId,
                        principalTable: "Promises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ImprovementActions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RootCause = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    OwnerId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    ResponsibleDepartmentId = table.Column<int>(type: "int", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectivenessMeasure = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    EffectivenessCheckDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectivenessResult = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Phase = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    CreatedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DoStartedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CheckStartedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ActStartedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DoneAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CycleDays = table.Column<double>(type: "float", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImprovementActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImprovementActions_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ImprovementActions_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ImprovementActions_Departments_ResponsibleDepartmentId",
                        column: x => x.ResponsibleDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Lessons",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Text = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    CategoryId = table.Column<int>(type: "int", nullable: false),
                    CustomerId = table.Column<int>(type: "int", nullable: true),
                    IsActive = table.Column<bool>(type: "bit", nullable: false),
                    CreatedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Lessons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Lessons_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Lessons_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Lessons_PromiseCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "PromiseCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NotificationMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Kind = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    RecipientId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Culture = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    LinkPath = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    DedupeKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    State = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastError = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ClaimedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    LeaseUntilUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NotificationMessages_AspNetUsers_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ActionFeedbackLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ImprovementActionId = table.Column<int>(type: "int", nullable: false),
                    FeedbackId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionFeedbackLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionFeedbackLinks_Feedback_FeedbackId",
                        column: x => x.FeedbackId,
                        principalTable: "Feedback",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActionFeedbackLinks_ImprovementActions_ImprovementActionId",
                        column: x => x.ImprovementActionId,
                        principalTable: "ImprovementActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UpstreamChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ImprovementActionId = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    LessonId = table.Column<int>(type: "int", nullable: true),
                    GateDefinitionId = table.Column<int>(type: "int", nullable: true),
                    ChecklistVersion = table.Column<int>(type: "int", nullable: true),
                    EnvelopeId = table.Column<int>(type: "int", nullable: true),
                    Note = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    RecordedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UpstreamChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UpstreamChanges_AspNetUsers_RecordedById",
                        column: x => x.RecordedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UpstreamChanges_CapabilityEnvelopes_EnvelopeId",
                        column: x => x.EnvelopeId,
                        principalTable: "CapabilityEnvelopes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UpstreamChanges_GateDefinitions_GateDefinitionId",
                        column: x => x.GateDefinitionId,
                        principalTable: "GateDefinitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UpstreamChanges_ImprovementActions_ImprovementActionId",
                        column: x => x.ImprovementActionId,
                        principalTable: "ImprovementActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_UpstreamChanges_Lessons_LessonId",
                        column: x => x.LessonId,
                        principalTable: "Lessons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCondition_Open_DueDate",
                table: "ReviewCondition",
                column: "DueDate",
                filter: "\"ResolvedAtUtc\" IS NULL");

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
                name: "IX_Promises_DueDate_Status_PromisingDepartmentId_DeliveringDepartmentId_CategoryId",
                table: "Promises",
                columns: new[] { "DueDate", "Status", "PromisingDepartmentId", "DeliveringDepartmentId", "CategoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_PromisingDepartmentId_DueDate",
                table: "Promises",
                columns: new[] { "PromisingDepartmentId", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_Status_Id",
                table: "Promises",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_GateReviews_Stage_DecidedAtUtc",
                table: "GateReviews",
                columns: new[] { "Stage", "DecidedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionFeedbackLinks_FeedbackId",
                table: "ActionFeedbackLinks",
                column: "FeedbackId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionFeedbackLinks_ImprovementActionId_FeedbackId",
                table: "ActionFeedbackLinks",
                columns: new[] { "ImprovementActionId", "FeedbackId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_CustomerId",
                table: "Feedback",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_FiledById",
                table: "Feedback",
                column: "FiledById");

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_PromiseId",
                table: "Feedback",
                column: "PromiseId");

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_Status_CreatedAtUtc",
                table: "Feedback",
                columns: new[] { "Status", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_TriagedById",
                table: "Feedback",
                column: "TriagedById");

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementActions_CreatedAtUtc",
                table: "ImprovementActions",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementActions_CreatedById",
                table: "ImprovementActions",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementActions_OwnerId_Phase",
                table: "ImprovementActions",
                columns: new[] { "OwnerId", "Phase" });

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementActions_Phase_DueDate",
                table: "ImprovementActions",
                columns: new[] { "Phase", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementActions_ResponsibleDepartmentId",
                table: "ImprovementActions",
                column: "ResponsibleDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Lessons_CategoryId_IsActive",
                table: "Lessons",
                columns: new[] { "CategoryId", "IsActive" });

            migrationBuilder.CreateIndex(
                name: "IX_Lessons_CreatedById",
                table: "Lessons",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_Lessons_CustomerId",
                table: "Lessons",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationMessages_CreatedAtUtc",
                table: "NotificationMessages",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationMessages_DedupeKey",
                table: "NotificationMessages",
                column: "DedupeKey",
                unique: true,
                filter: "[DedupeKey] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationMessages_RecipientId",
                table: "NotificationMessages",
                column: "RecipientId");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationMessages_State_NextAttemptAtUtc",
                table: "NotificationMessages",
                columns: new[] { "State", "NextAttemptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_UpstreamChanges_EnvelopeId",
                table: "UpstreamChanges",
                column: "EnvelopeId");

            migrationBuilder.CreateIndex(
                name: "IX_UpstreamChanges_GateDefinitionId_ChecklistVersion",
                table: "UpstreamChanges",
                columns: new[] { "GateDefinitionId", "ChecklistVersion" });

            migrationBuilder.CreateIndex(
                name: "IX_UpstreamChanges_ImprovementActionId",
                table: "UpstreamChanges",
                column: "ImprovementActionId");

            migrationBuilder.CreateIndex(
                name: "IX_UpstreamChanges_LessonId",
                table: "UpstreamChanges",
                column: "LessonId");

            migrationBuilder.CreateIndex(
                name: "IX_UpstreamChanges_RecordedById",
                table: "UpstreamChanges",
                column: "RecordedById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActionFeedbackLinks");

            migrationBuilder.DropTable(
                name: "NotificationMessages");

            migrationBuilder.DropTable(
                name: "UpstreamChanges");

            migrationBuilder.DropTable(
                name: "Feedback");

            migrationBuilder.DropTable(
                name: "ImprovementActions");

            migrationBuilder.DropTable(
                name: "Lessons");

            migrationBuilder.DropIndex(
                name: "IX_ReviewCondition_Open_DueDate",
                table: "ReviewCondition");

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
                name: "IX_Promises_DueDate_Status_PromisingDepartmentId_DeliveringDepartmentId_CategoryId",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_PromisingDepartmentId_DueDate",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_Status_Id",
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

            migrationBuilder.DropColumn(
                name: "EmailNotifications",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCondition_ResolvedAtUtc_DueDate",
                table: "ReviewCondition",
                columns: new[] { "ResolvedAtUtc", "DueDate" });

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
