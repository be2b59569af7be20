using System.Diagnostics.Metrics;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Notifications;

namespace QualityGates.Web.Telemetry;

/// <summary>
/// The app's own measurements (meter "QualityGates"), exported with the framework's when telemetry is on
/// (docs/operations.md): gate decisions and outcomes as they are saved, and the outbox's deliveries, failures and backlog.
/// </summary>
public sealed class QualityGatesMetrics
{
    public const string MeterName = "QualityGates";

    private const long NotCounted = -1;

    private readonly Counter<long> _decisions;
    private readonly Counter<long> _outcomes;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _deliveryFailures;
    private long _backlog = NotCounted;

    public QualityGatesMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _decisions = meter.CreateCounter<long>("qualitygates.gate.decisions", "{decision}", "Gate decisions saved, by stage and decision.");
        _outcomes = meter.CreateCounter<long>("qualitygates.promise.outcomes", "{outcome}", "Promise outcomes recorded, kept or broken.");
        _deliveries = meter.CreateCounter<long>("qualitygates.outbox.deliveries", "{message}", "Outbox messages finished: sent or suppressed.");
        _deliveryFailures = meter.CreateCounter<long>("qualitygates.outbox.failures", "{attempt}", "Failed delivery attempts; given_up when no retry follows.");
        // Reported only once this instance has counted it: an instance that does not deliver has nothing to say.
        meter.CreateObservableGauge<long>("qualitygates.outbox.backlog", () => Interlocked.Read(ref _backlog) is var backlog and not NotCounted ? [new Measurement<long>(backlog)] : [],
            "{message}", "Messages waiting in the outbox (pending), as counted after this instance's last delivery pass.");
    }

    public void Decided(GateStage stage, GateDecision decision) =>
        _decisions.Add(1, new("gate.stage", stage.ToString()), new("gate.decision", decision.ToString()));

    public void OutcomeRecorded(OutcomeKind outcome) => _outcomes.Add(1, new KeyValuePair<string, object?>("promise.outcome", outcome.ToString()));

    public void Delivered(NotificationState state) => _deliveries.Add(1, new KeyValuePair<string, object?>("notification.state", state.ToString()));

    public void DeliveryFailed(bool givenUp) => _deliveryFailures.Add(1, new KeyValuePair<string, object?>("given_up", givenUp));

    public void Backlog(long pending) => Interlocked.Exchange(ref _backlog, pending);
}
