using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityGates.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DataUpgrades : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DataUpgrades",
                columns: table => new
                {
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataUpgrades", x => x.Name);
                });

            // LoopNotificationsDashboard gave existing promises an empty comparator, which no target has: the
            // promise could not be read. A target never approved is MeasurableTarget.None (AtMost). The other
            // bookkeeping columns are filled from the history at the next start (DataUpgrades, ADR 0023).
            migrationBuilder.Sql("UPDATE [Promises] SET [FirstApprovedTargetComparator] = 'AtMost' WHERE [FirstApprovedTargetComparator] = ''");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataUpgrades");
        }
    }
}
