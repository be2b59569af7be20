using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityGates.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PromiseImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ImportId",
                table: "Promises",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PromiseImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    PromisingDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Culture = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    AsCommitted = table.Column<bool>(type: "boolean", nullable: false),
                    Table = table.Column<string>(type: "text", nullable: true),
                    UploadedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ImportedCount = table.Column<int>(type: "integer", nullable: false),
                    SkippedCount = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PromiseImports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PromiseImports_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PromiseImports_Departments_PromisingDepartmentId",
                        column: x => x.PromisingDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_ImportId",
                table: "Promises",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_Promises_SourceReference_CustomerId",
                table: "Promises",
                columns: new[] { "SourceReference", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_PromiseImports_OwnerId_UploadedAtUtc",
                table: "PromiseImports",
                columns: new[] { "OwnerId", "UploadedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PromiseImports_PromisingDepartmentId",
                table: "PromiseImports",
                column: "PromisingDepartmentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PromiseImports");

            migrationBuilder.DropIndex(
                name: "IX_Promises_ImportId",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_SourceReference_CustomerId",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "ImportId",
                table: "Promises");
        }
    }
}
