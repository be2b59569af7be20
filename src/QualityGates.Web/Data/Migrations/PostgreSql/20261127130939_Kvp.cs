using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace QualityGates.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Kvp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Feedback",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Severity = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PromiseId = table.Column<int>(type: "integer", nullable: true),
                    CustomerId = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    FiledById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TriagedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    TriagedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    TriageNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosingNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RootCause = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    OwnerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ResponsibleDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectivenessMeasure = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    EffectivenessCheckDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectivenessResult = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Phase = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    CreatedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DoStartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CheckStartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ActStartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DoneAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CategoryId = table.Column<int>(type: "integer", nullable: false),
                    CustomerId = table.Column<int>(type: "integer", nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                name: "ActionFeedbackLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ImprovementActionId = table.Column<int>(type: "integer", nullable: false),
                    FeedbackId = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ImprovementActionId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    LessonId = table.Column<int>(type: "integer", nullable: true),
                    GateDefinitionId = table.Column<int>(type: "integer", nullable: true),
                    ChecklistVersion = table.Column<int>(type: "integer", nullable: true),
                    EnvelopeId = table.Column<int>(type: "integer", nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RecordedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "UpstreamChanges");

            migrationBuilder.DropTable(
                name: "Feedback");

            migrationBuilder.DropTable(
                name: "ImprovementActions");

            migrationBuilder.DropTable(
                name: "Lessons");
        }
    }
}
