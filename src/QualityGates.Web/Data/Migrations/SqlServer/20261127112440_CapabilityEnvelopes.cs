using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityGates.Web.Data.Migrations.SqlServer
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    DeliveringDepartmentId = table.Column<int>(type: "int", nullable: false),
                    CategoryId = table.Column<int>(type: "int", nullable: false),
                    Metric = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Comparator = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Bound = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Unit = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    IsActive = table.Column<bool>(type: "bit", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
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
