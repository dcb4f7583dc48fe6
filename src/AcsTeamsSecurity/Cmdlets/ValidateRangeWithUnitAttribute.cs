using System;
using System.Globalization;
using System.Management.Automation;

namespace AcsTeamsSecurity.Cmdlets
{
    /// <summary>
    /// ValidateRange with a message a person can act on ("between 60 and 1440 minutes (1 to 24 hours)") instead of
    /// PowerShell's generic one. PowerShell still reports it as ParameterArgumentValidationError before the cmdlet runs.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ValidateRangeWithUnitAttribute : ValidateArgumentsAttribute
    {
        internal ValidateRangeWithUnitAttribute(int minimum, int maximum, string unit, string note)
        {
            Minimum = minimum;
            Maximum = maximum;
            Unit = unit;
            Note = note;
        }

        internal int Minimum { get; }

        internal int Maximum { get; }

        internal string Unit { get; }

        internal string Note { get; }

        /// <inheritdoc />
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
            if (value is int number && number >= Minimum && number <= Maximum)
            {
                return;
            }

            throw new ValidationMetadataException(string.Format(CultureInfo.InvariantCulture, "{0} is not allowed: give a value between {1} and {2} {3}{4}.", value, Minimum, Maximum, Unit, Note));
        }
    }
}
