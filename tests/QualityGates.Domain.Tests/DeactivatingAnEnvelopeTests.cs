namespace QualityGates.Domain.Tests;

public sealed class DeactivatingAnEnvelopeTests
{
    [Fact]
    public void An_active_envelope_is_deactivated()
    {
        var envelope = new EnvelopeBuilder().Build();

        envelope.Deactivate();

        Assert.False(envelope.IsActive);
    }

    [Fact]
    public void An_inactive_envelope_is_not_deactivated_again()
    {
        var envelope = new EnvelopeBuilder().BuildInactive();

        var error = Assert.Throws<DomainException>(envelope.Deactivate);

        Assert.Equal("EnvelopeAlreadyInactive", error.Code);
        Assert.False(envelope.IsActive);
    }
}
