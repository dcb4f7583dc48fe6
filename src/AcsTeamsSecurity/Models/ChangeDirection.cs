namespace AcsTeamsSecurity.Models
{
    /// <summary>Whether a change to a setting opens the door wider for external users.</summary>
    public enum ChangeDirection
    {
        /// <summary>No change.</summary>
        Unchanged,

        /// <summary>External users get more access, or the tenant less protection.</summary>
        Loosening,

        /// <summary>External users get less access.</summary>
        Tightening,

        /// <summary>A change with no security direction (for example a label text).</summary>
        Neutral,
    }

}
