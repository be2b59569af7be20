using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain;
using QualityGates.Domain.Customers;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Envelopes;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Auditing;
using QualityGates.Web.Data.Seeding;

namespace QualityGates.DataGenerator;

/// <summary>A generated user with the audit trail's view of them.</summary>
public sealed record Person(AppUser User, string Role, Department Department)
{
    public string Id => User.Id;

    public AuditActor Actor { get; } = new(User.Id, User.DisplayName, Role, Department.Name.English);
}

/// <summary>
/// Everything the promises refer to, written through EF (a few thousand rows): the reference data of every
/// installation, users of every role (one password, as in the demo), customers and capability envelopes.
/// </summary>
public sealed class World
{
    public const string Password = DemoData.Password;
    public const string ExecutiveEmail = "executive@bench.local";
    public const string AdministratorEmail = "admin@bench.local";

    /// <summary>Sales reps per promising department, managers per delivering department, AfterSales staff.</summary>
    private static readonly (string Department, string Role, int Count)[] _staff =
    [
        ("Sales", Roles.SalesRep, 60), ("PreSales", Roles.SalesRep, 30), ("Marketing", Roles.SalesRep, 10),
        ("Production", Roles.ServiceManager, 8), ("Projects", Roles.ServiceManager, 8), ("Service", Roles.ServiceManager, 10),
        ("AfterSales", Roles.AfterSales, 6), ("Management", Roles.Executive, 4), ("Management", Roles.Administrator, 2),
    ];

    private static readonly string[] _places =
    [
        "Aachen", "Bergheim", "Celle", "Dessau", "Emden", "Fulda", "Gera", "Hameln", "Ingolstadt", "Jena",
        "Kassel", "Lindau", "Minden", "Neuss", "Offenburg", "Passau", "Rostock", "Siegen", "Trier", "Ulm",
        "Verden", "Weimar", "Xanten", "Zwickau", "Nordwind", "Elbe", "Rheintal", "Alpen", "Hansa", "Taunus",
    ];

    private static readonly string[] _trades =
    [
        "Maschinenbau", "Logistik", "Stadtwerke", "Klinikum", "Pharma", "Automotive", "Retail", "Bau",
        "Software", "Energie", "Lebensmittel", "Chemie", "Textil", "Medizintechnik", "Versicherung", "Kunststoff",
        "Elektronik", "Druck", "Holzbau", "Agrar",
    ];

    private static readonly string[] _legalForms = ["GmbH", "AG", "KG", "SE", "GmbH & Co. KG", "e.K."];

    private static readonly (LocalizedText Name, string Delivering, string Category, LocalizedText Metric, TargetComparator Comparator, decimal Bound, LocalizedText Unit)[] _envelopes =
    [
        (new("On-site within 48 h in Germany", "Vor Ort innerhalb von 48 h in Deutschland"), "Service", "Response time", new("Time to on-site", "Zeit bis vor Ort"), TargetComparator.AtMost, 48, new("h")),
        (new("First response within 4 h", "Erste Reaktion innerhalb von 4 h"), "Service", "Response time", new("First response", "Erstreaktion"), TargetComparator.AtMost, 4, new("h")),
        (new("Portal availability 99.5 %", "Portalverfügbarkeit 99,5 %"), "Service", "Availability", new("Monthly availability", "Monatliche Verfügbarkeit"), TargetComparator.AtLeast, 99.5m, new("%")),
        (new("Lead time of six weeks", "Lieferzeit von sechs Wochen"), "Production", "Delivery date", new("Lead time", "Lieferzeit"), TargetComparator.AtMost, 6, new("weeks", "Wochen")),
        (new("Call-back within 30 minutes", "Rückruf innerhalb von 30 Minuten"), "Service", "Support", new("Call-back time", "Rückrufzeit"), TargetComparator.AtMost, 30, new("min")),
    ];

    private World()
    {
    }

    public required IReadOnlyDictionary<string, Department> Departments { get; init; }

    public required IReadOnlyDictionary<string, PromiseCategory> Categories { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<Person>> StaffByDepartment { get; init; }

    public required IReadOnlyList<Customer> Customers { get; init; }

    public required IReadOnlyList<CapabilityEnvelope> Envelopes { get; init; }

    public required GateDefinition Feasibility { get; init; }

    public required GateDefinition Handover { get; init; }

    public required GateDefinition Closure { get; init; }

    public static async Task<World> CreateAsync(
        QualityGatesDbContext db, RoleManager<IdentityRole> roles, GeneratorOptions options, Random random, CancellationToken ct)
    {
        await ReferenceData.EnsureAsync(db, roles, ct);
        // A fresh database: the departments and categories have their seeded English names.
        var departments = await db.Departments.ToDictionaryAsync(d => d.Name.English, ct);
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var start = options.Now.AddYears(-options.Years - 1);

        // Hashing is slow on purpose: every user gets the same hash of the one password.
        var hash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), Password);
        var staff = new Dictionary<string, List<Person>>();
        foreach (var (departmentName, role, count) in _staff)
        {
            for (var i = 1; i <= count; i++)
            {
                var email = (role, i) switch
                {
                    (Roles.Executive, 1) => ExecutiveEmail,
                    (Roles.Administrator, 1) => AdministratorEmail,
                    _ => string.Create(CultureInfo.InvariantCulture, $"{departmentName.ToLowerInvariant()}.{role.ToLowerInvariant()}.{i:D3}@bench.local"),
                };
                var user = new AppUser
                {
                    Id = NewGuid(random).ToString(),
                    UserName = email,
                    NormalizedUserName = email.ToUpperInvariant(),
                    Email = email,
                    NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true,
                    PasswordHash = hash,
                    SecurityStamp = NewGuid(random).ToString("N").ToUpperInvariant(),
                    ConcurrencyStamp = NewGuid(random).ToString(),
                    DisplayName = string.Create(CultureInfo.InvariantCulture, $"{departmentName} {role} {i}"),
                    DepartmentId = departments[departmentName].Id,
                    LockoutEnabled = true,
                };
                db.Users.Add(user);
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[role] });
                if (!staff.TryGetValue(departmentName, out var list))
                {
                    staff[departmentName] = list = [];
                }

                list.Add(new Person(user, role, departments[departmentName]));
            }
        }

        var customers = new List<Customer>(options.Customers);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; customers.Count < options.Customers; i++)
        {
            var name = $"{_places[random.Next(_places.Length)]} {_trades[random.Next(_trades.Length)]} {_legalForms[random.Next(_legalForms.Length)]}";
            if (!names.Add(name))
            {
                name = string.Create(CultureInfo.InvariantCulture, $"{name} {i}");
                names.Add(name);
            }

            customers.Add(new Customer(name, string.Create(CultureInfo.InvariantCulture, $"C-{10001 + customers.Count}"), start.AddDays(random.Next(0, 365))));
        }

        db.Customers.AddRange(customers);
        var categories = await db.PromiseCategories.ToDictionaryAsync(c => c.Name.English, ct);
        var envelopes = _envelopes.Select(e => CapabilityEnvelope.Define(
            departments[e.Delivering], new EnvelopeTerms(e.Name, categories[e.Category].Id, e.Metric, e.Comparator, e.Bound, e.Unit), start)).ToList();
        envelopes[^1].Deactivate();
        db.CapabilityEnvelopes.AddRange(envelopes);
        await db.SaveChangesAsync(ct);

        var gates = await db.GateDefinitions.Include(g => g.Checkpoints).ToListAsync(ct);
        return new World
        {
            Departments = departments,
            Categories = categories,
            StaffByDepartment = staff.ToDictionary(s => s.Key, s => (IReadOnlyList<Person>)s.Value),
            Customers = customers,
            Envelopes = envelopes,
            Feasibility = gates.Single(g => g.Stage == GateStage.Feasibility),
            Handover = gates.Single(g => g.Stage == GateStage.Handover),
            Closure = gates.Single(g => g.Stage == GateStage.Closure),
        };
    }

    /// <summary>Someone who works the promises of the department: a sales rep, a service manager, AfterSales.</summary>
    public Person Pick(string department, Random random)
    {
        var people = Workers[department];
        return people[random.Next(people.Length)];
    }

    private IReadOnlyDictionary<string, Person[]> Workers => field ??= StaffByDepartment.ToDictionary(
        s => s.Key, s => s.Value.Where(p => p.Role is Roles.SalesRep or Roles.ServiceManager or Roles.AfterSales).ToArray());

    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
