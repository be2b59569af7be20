namespace QualityGates.Domain.Tests;

public sealed class ActivatingAnEnvelopeTests
{
    [Fact]
    public void An_inactive_envelope_is_activated_again()
    {
        var envelope = new EnvelopeBuilder().BuildInactive();

        envelope.Activate();

        Assert.True(envelope.IsActive);
    }

    [Fact]
    public void An_active_envelope_is_not_activated_again()
    {
        var envelope = new EnvelopeBuilder().Build();

        var error = Assert.Throws<DomainException>(envelope.Activate);

        Assert.Equal("EnvelopeAlreadyActive", error.Code);
        Assert.True(envelope.IsActive);
    }
}
