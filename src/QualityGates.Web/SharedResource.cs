namespace QualityGates.Web;

/// <summary>
/// The one resource of the user interface: Resources/SharedResource.resx (English) and
/// SharedResource.de.resx (German). Keys are symbolic (e.g. "Promises.Register.Title"), so a missing
/// text shows as a key and tests can find it.
/// </summary>
public sealed class SharedResource;
