using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityGates.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CapabilityEnvelopes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CapabilityEnvelopes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DeliveringDepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Comparator = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Bound = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CapabilityEnvelopes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CapabilityEnvelopes_Departments_DeliveringDepartmentId",
                        column: x => x.DeliveringDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CapabilityEnvelopes_PromiseCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "PromiseCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CapabilityEnvelopes_CategoryId",
                table: "CapabilityEnvelopes",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_CapabilityEnvelopes_DeliveringDepartmentId_CategoryId_IsActive",
                table: "CapabilityEnvelopes",
                columns: new[] { "DeliveringDepartmentId", "CategoryId", "IsActive" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CapabilityEnvelopes");
        }
    }
}
