using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace QualityGates.Web.Data.Migrations.PostgreSql
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DeliveringDepartmentId = table.Column<int>(type: "integer", nullable: false),
                    CategoryId = table.Column<int>(type: "integer", nullable: false),
                    Metric = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Comparator = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Bound = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    Unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "IX_CapabilityEnvelopes_DeliveringDepartmentId_CategoryId_IsAct~",
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
