using Microsoft.EntityFrameworkCore;
using QualityGates.Domain;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Data;

/// <summary>
/// Hands out the next promise number of the current year. Two concurrent allocations collide on the
/// sequence's version; the loser retries with the fresh value, so numbers never repeat.
/// </summary>
public sealed class PromiseNumberAllocator(QualityGatesDbContext db, TimeProvider time)
{
    private const int Attempts = 5;

    /// <summary>Saves the sequence at once: call it before adding the promise to the context.</summary>
    public async Task<string> NextAsync(CancellationToken cancellationToken = default) => (await NextAsync(1, cancellationToken))[0];

    /// <summary>The next <paramref name="count"/> numbers in one step (an import); saved as <see cref="NextAsync(CancellationToken)"/> is.</summary>
    public async Task<IReadOnlyList<string>> NextAsync(int count, CancellationToken cancellationToken = default)
    {
        var year = time.GetUtcNow().Year;
        var name = PromiseNumber.SequenceName(year);
        for (var attempt = 1; ; attempt++)
        {
            var sequence = await db.NumberSequences.FindAsync([name], cancellationToken);
            if (sequence is null)
            {
                sequence = new NumberSequence(name);
                db.NumberSequences.Add(sequence);
            }

            var values = Enumerable.Range(0, count).Select(_ => sequence.Next()).ToList();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return values.Select(value => PromiseNumber.Format(year, value)).ToList();
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                db.Entry(sequence).State = EntityState.Detached;
            }
        }
    }
}
