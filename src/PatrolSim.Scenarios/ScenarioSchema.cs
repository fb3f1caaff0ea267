using PatrolSim.Model.Definition;

namespace PatrolSim.Scenarios;

/// <summary>
/// The scenario file format (docs/scenario-format.md) as data: every section, its keys in the order
/// "allowed here:" lists them, the words a choice takes, ranges, defaults and the hints quoted in error
/// messages. <see cref="ScenarioBinder"/> reads a file through these tables and turns what it read into
/// the model records; a new key is one entry here plus the line that puts its value into the record.
/// </summary>
internal static class ScenarioSchema
{
    private const double Unbounded = double.PositiveInfinity;

    public static class Words
    {
        public static readonly IReadOnlyDictionary<string, RiskLevel> Risk = Table(("none", RiskLevel.None), ("low", RiskLevel.Low), ("medium", RiskLevel.Medium), ("high", RiskLevel.High));
        public static readonly IReadOnlyDictionary<string, RiskLevel> MinRisk = Table(("low", RiskLevel.Low), ("medium", RiskLevel.Medium), ("high", RiskLevel.High));
        public static readonly IReadOnlyDictionary<string, BackupRule> Backup = Table(("none", BackupRule.None), ("risk", BackupRule.Risk), ("all-calls", BackupRule.AllCalls));
        public static readonly IReadOnlyDictionary<string, Engagement> Engage = Table(("alone", Engagement.Alone), ("wait", Engagement.Wait));
        public static readonly IReadOnlyDictionary<string, DispatchRule> Dispatch = Table(("closest", DispatchRule.Closest), ("home-beat-first", DispatchRule.HomeBeatFirst), ("preference", DispatchRule.Preference));
        public static readonly IReadOnlyDictionary<string, TravelModel> Travel = Table(("manhattan", TravelModel.Manhattan), ("curve", TravelModel.Curve), ("matrix", TravelModel.Matrix), ("none", TravelModel.None));
        public static readonly IReadOnlyDictionary<string, Geography.Travel.DistanceMetric> Metric = Table(("euclidean", Geography.Travel.DistanceMetric.Euclidean), ("manhattan", Geography.Travel.DistanceMetric.Manhattan));
        public static readonly IReadOnlyDictionary<string, Geography.CoordinateKind> Coordinates = Table(("auto", Geography.CoordinateKind.Auto), ("lonlat", Geography.CoordinateKind.LonLat), ("projected", Geography.CoordinateKind.Projected));

        public static readonly IReadOnlyDictionary<string, DistributionKind> Distribution = Table(
            ("exponential", DistributionKind.Exponential),
            ("lognormal", DistributionKind.LogNormal),
            ("gamma", DistributionKind.Gamma),
            ("constant", DistributionKind.Constant),
            ("empirical", DistributionKind.Empirical));

        private static Dictionary<string, T> Table<T>(params (string Word, T Value)[] words) =>
            words.ToDictionary(w => w.Word, w => w.Value, StringComparer.Ordinal);
    }

    public static class Horizon
    {
        public static readonly NumberKey Days = new("days", 0, 36525, Required: true, MinExclusive: true, Hint: "the simulated period in days (at most 100 years)");
        public static readonly NumberKey WarmupDays = new("warmupDays", 0, 36525, Default: 0);
        public static readonly Section Section = new("horizon", [Days, WarmupDays], Required: true);
    }

    public static class Beats
    {
        public static readonly IntegerKey Rows = new("rows", 1, 1000, Required: true);
        public static readonly IntegerKey Cols = new("cols", 1, 1000, Required: true);

        /// <summary>Count and description depend on rows and cols; the binder fills them in.</summary>
        public static readonly NumberListKey Weights = new("weights", 0, 0, Unbounded, "");
        public static readonly Section Section = new("beats", [Rows, Cols, Weights]);
    }

    public static class Zone
    {
        public static readonly TextKey Id = new("id", Required: true);

        /// <summary>At most the city's width (height); the binder fills the bound in.</summary>
        public static readonly NumberKey XKm = new("xKm", 0, Unbounded, Required: true);
        public static readonly NumberKey YKm = new("yKm", 0, Unbounded, Required: true);
        public static readonly NumberKey WidthKm = new("widthKm", 0, Unbounded, Default: 0);
        public static readonly NumberKey HeightKm = new("heightKm", 0, Unbounded, Default: 0);
        public static readonly NumberKey Weight = new("weight", 0, Unbounded, Default: 1);
        public static readonly Section Item = new("zones[]", [Id, XKm, YKm, WidthKm, HeightKm, Weight]);
    }

    /// <summary><c>city.zones</c> naming a GeoJSON file (docs/geography.md): the file and how to read it.</summary>
    public static class ZonesFile
    {
        public static readonly TextKey File = new("file", Required: true, Hint: "the GeoJSON file of the zones, relative to the scenario file");
        public static readonly TextKey IdProperty = new("idProperty", Default: "id");
        public static readonly TextKey WeightProperty = new("weightProperty", Default: "weight");
        public static readonly TextKey DistrictProperty = new("districtProperty", Default: "district");
        public static readonly ChoiceKey<Geography.CoordinateKind> Coordinates = new("coordinates", Words.Coordinates, Default: Geography.CoordinateKind.Auto);
        public static readonly NumberKey UnitMetres = new("unitMetres", 0, 1e6, Default: 1, MinExclusive: true, Hint: "metres per unit of projected coordinates, e.g. 0.3048006096 for US survey feet");
        /// <summary>Demand weights by zone id, overriding the file's (e.g. calls per zone counted by <c>calibrate</c>).</summary>
        public static readonly ValueKey Weights = new("weights", Hint: "a mapping from zone id to demand weight, e.g. { \"11\": 120, \"12\": 87 }");
        public static readonly NumberKey Weight = new("", 0, Unbounded, Hint: "a demand weight, a number ≥ 0");
        public static readonly Section Section = new("zones", [File, IdProperty, WeightProperty, DistrictProperty, Coordinates, UnitMetres, Weights]);
    }

    public static class City
    {
        /// <summary>Required unless the zones come from a file (which gives the size).</summary>
        public static readonly NumberKey WidthKm = new("widthKm", 0, 10000, MinExclusive: true);
        public static readonly NumberKey HeightKm = new("heightKm", 0, 10000, MinExclusive: true);
        public static readonly ListKey Zones = new("zones", Zone.Item);

        /// <summary>Observed call locations (a CSV: xKm,yKm or lon,lat, optionally zone), e.g. written by <c>calibrate</c>.</summary>
        public static readonly TextKey CallPoints = new("callPoints", Hint: "a CSV of observed call locations (xKm,yKm or lon,lat, and optionally zone), relative to the scenario file");
        public static readonly Section Section = new("city", [WidthKm, HeightKm, Beats.Section, Zones, CallPoints], Required: true);
    }

    public static class Distribution
    {
        public static readonly ChoiceKey<DistributionKind> Dist = new("dist", Words.Distribution, Required: true);
        public static readonly NumberKey Mean = new("mean", 0, 1e6, Required: true, MinExclusive: true, Hint: "minutes");
        public static readonly NumberKey Cv = new("cv", 0, 20, Required: true, MinExclusive: true, Hint: "coefficient of variation = standard deviation / mean");
        public static readonly NumberKey Value = new("value", 0, 1e6, Required: true, Hint: "minutes");
        public static readonly NumberListKey Values = new("values", -1, 0, 1e6, "observed durations in minutes", Required: true, Hint: "a list of observed durations in minutes");

        /// <summary>Only <c>dist</c> is known until it names a kind; <see cref="KeysOf"/> adds that kind's keys.</summary>
        public static readonly Section Section = new("onScene", [Dist], Required: true);

        /// <summary>An optional distribution under another key.</summary>
        public static Section Named(string name) => Section with { Name = name, Required = false };

        /// <summary>The parameters each kind takes, after <c>dist</c>.</summary>
        public static IReadOnlyList<SchemaKey> KeysOf(DistributionKind kind) => kind switch
        {
            DistributionKind.Exponential => [Mean],
            DistributionKind.LogNormal or DistributionKind.Gamma => [Mean, Cv],
            DistributionKind.Constant => [Value],
            DistributionKind.Empirical => [Values],
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    public static class Profile
    {
        public static readonly NumberListKey Weekly = new("weekly", 168, 0, Unbounded, "168 hourly multipliers from Monday 00:00");
        public static readonly NumberListKey Hourly = new("hourly", 24, 0, Unbounded, "24 multipliers, hour 0 = 00:00–01:00");
        public static readonly NumberListKey Daily = new("daily", 7, 0, Unbounded, "7 multipliers, Monday to Sunday");
        public static readonly Section Section = new("profile", [Weekly, Hourly, Daily]);
    }

    public static class CallType
    {
        public static readonly TextKey Name = new("name", Required: true);
        public static readonly NumberKey Share = new("share", 0, Unbounded, Required: true, MinExclusive: true, Hint: "shares are normalised to sum to 1");
        public static readonly IntegerKey Priority = new("priority", 1, 9, Required: true);
        public static readonly IntegerKey Officers = new("officers", 1, 10, Default: 1);
        public static readonly ChoiceKey<RiskLevel> Risk = new("risk", Words.Risk, Default: RiskLevel.None);
        public static readonly BoolKey NeedsUnit = new("needsUnit", true);
        public static readonly Section ReportMinutes = Distribution.Named("reportMinutes");
        public static readonly Section Item = new("callTypes[]", [Name, Share, Priority, Distribution.Section, Officers, Risk, NeedsUnit, ReportMinutes]);
    }

    public static class SelfInitiated
    {
        public static readonly NumberKey RatePerUnitHour = new("ratePerUnitHour", 0, 100, Required: true);
        public static readonly ChoiceKey<RiskLevel> Risk = new("risk", Words.Risk, Default: RiskLevel.None);
        public static readonly NumberListKey Hourly = Profile.Hourly;
        public static readonly Section Section = new("selfInitiated", [RatePerUnitHour, Distribution.Section, Risk, Hourly]);
    }

    public static class Demand
    {
        public static readonly NumberKey CallsPerDay = new("callsPerDay", 0, 1e6, Required: true, MinExclusive: true, Hint: "the mean number of calls for service per day");
        public static readonly NumberKey Multiplier = new("multiplier", 0, 1000, Default: 1, MinExclusive: true);
        public static readonly ListKey CallTypes = new("callTypes", CallType.Item, Required: true, Hint: "list the call types with share, priority and onScene");
        public static readonly Section Section = new("demand", [CallsPerDay, Multiplier, Profile.Section, CallTypes, SelfInitiated.Section], Required: true);
    }

    public static class Travel
    {
        public static readonly ChoiceKey<TravelModel> Model = new("model", Words.Travel, Default: TravelModel.Manhattan);
        public static readonly NumberKey Detour = new("detour", 1, 5, Default: 1.3, Hint: "street distance / Manhattan distance, usually 1.2–1.5");
        public static readonly NumberKey TurnoutMinutes = new("turnoutMinutes", 0, 60, Default: 0);

        /// <summary><c>turnoutMinutes</c> given by priority.</summary>
        public static readonly PriorityMapKey TurnoutByPriority = new("turnoutMinutes", new NumberKey("", 0, 60, Hint: "minutes"));
        public static readonly NumberKey NoiseCv = new("noiseCv", 0, 5, Default: 0);
        public static readonly PriorityMapKey SpeedKmh = new("speedKmh", new NumberKey("", 0, 300, MinExclusive: true, Hint: "km/h"));
        public static readonly ChoiceKey<Geography.Travel.DistanceMetric> Distance = new("distance", Words.Metric, Default: Geography.Travel.DistanceMetric.Euclidean);
        public static readonly NumberKey AccelerationMps2 = new("accelerationMps2", 0, 20, MinExclusive: true, Hint: "m/s², the curve's effective acceleration (Kolesar & Walker fitted about 0.5–2)");
        public static readonly PriorityMapKey AccelerationByPriority = new("accelerationMps2", new NumberKey("", 0, 20, MinExclusive: true, Hint: "m/s²"));
        public static readonly NumberListKey HourFactors = new("hourFactors", 24, 0.05, 20, "factors on trip times by hour of day, from midnight");
        public static readonly PriorityDistributionsKey DelayMinutes = new("delayMinutes", DefaultKey: "default");
        public static readonly TextKey Matrix = new("matrix", Hint: "a CSV of zone × zone travel times (from,to,minutes[,startHour]), relative to the scenario file");

        /// <summary>The share of units sent that are already at the call's location (no trip), for every priority or by priority.</summary>
        public static readonly NumberKey AtSceneShare = new("atSceneShare", 0, 1, Default: 0, Hint: "the share of units sent that are already at the call's location (no trip)");
        public static readonly PriorityMapKey AtSceneByPriority = new("atSceneShare", new NumberKey("", 0, 1, Hint: "a share from 0 to 1"));
        public static readonly Section Section = new("travel", [Model, Detour, TurnoutMinutes, NoiseCv, SpeedKmh, Distance, AccelerationMps2, HourFactors, DelayMinutes, AtSceneShare, Matrix]);
    }

    public static class Shift
    {
        public static readonly TextKey Name = new("name", Required: true);
        public static readonly TextKey Start = new("start", Required: true, Hint: "a time of day like \"07:00\"");
        public static readonly NumberKey Hours = new("hours", 0, 24, Required: true, MinExclusive: true, Hint: "a 24-hour shift is continuous");
        public static readonly IntegerKey Officers = new("officers", 0, 100000, Required: true);
        public static readonly NumberKey TwoOfficerShare = new("twoOfficerShare", 0, 1);

        /// <summary>Weekday words; read by the binder, so a <see cref="ValueKey"/>.</summary>
        public static readonly ValueKey Days = new("days", Hint: "a list of weekdays the shift starts on, e.g. [mon, tue, wed, thu, fri]");
        public static readonly NumberListKey OfficersByWeekday = new("officersByWeekday", 7, 0, 100000, "officers by weekday, Monday first");
        public static readonly IntegerKey BackupOnlyOfficers = new("backupOnlyOfficers", 0, 100000, Default: 0, Hint: "extra officers in units that answer only as backup (or first to the riskiest calls)");
        public static readonly Section Item = new("shifts[]", [Name, Start, Hours, Officers, TwoOfficerShare, Days, OfficersByWeekday, BackupOnlyOfficers]);
    }

    public static class MealBreak
    {
        public static readonly Section DurationMinutes = Distribution.Named("durationMinutes");
        public static readonly NumberKey EarliestHours = new("earliestHours", 0, 24, Required: true, Hint: "hours after the shift's start");
        public static readonly NumberKey LatestHours = new("latestHours", 0, 24, Required: true, Hint: "hours after the shift's start, at least earliestHours");
        public static readonly IntegerKey DeferWhilePriorityAtMost = new("deferWhilePriorityAtMost", 0, 9, Default: 1, Hint: "breaks wait while a call of this priority or more urgent waits; 0 = never deferred");
        public static readonly Section Section = new("mealBreak", [DurationMinutes, EarliestHours, LatestHours, DeferWhilePriorityAtMost]);
    }

    public static class Staffing
    {
        public static readonly NumberKey Scale = new("scale", 0, 100, Default: 1, MinExclusive: true);
        public static readonly ListKey Shifts = new("shifts", Shift.Item, Required: true, Hint: "list shifts with name, start, hours and officers");
        public static readonly NumberKey AbsenceShare = new("absenceShare", 0, 0.9, Default: 0, Hint: "share of scheduled officers absent (sickness, court, training)");

        /// <summary>Officers pulled off patrol; switched by policy windows only.</summary>
        public static readonly IntegerKey PullOfficers = new("pullOfficers", 0, 100000, Hint: "officers taken off patrol for the window (posts, guards, an event)");

        /// <summary>Optional; without it the binder leaves it null and the council figures derive it (docs/decisions.md).</summary>
        public static readonly NumberKey AvailableHoursPerOfficer = new("availableHoursPerOfficer", 0, 8784, MinExclusive: true,
            Hint: "hours an officer is on duty in a year after leave, training, court and sickness, e.g. 1698");

        public static readonly NumberKey ContractHoursPerYear = new("contractHoursPerYear", 0, 8784, Default: Model.Definition.Employment.DefaultContractHours, MinExclusive: true,
            Hint: "hours an officer is scheduled and paid for in a year, e.g. 2080 (40 h × 52 weeks)");

        public static readonly Section Section = new("staffing", [Scale, Shifts, AbsenceShare, MealBreak.Section, AvailableHoursPerOfficer, ContractHoursPerYear], Required: true);
    }

    public static class Crew
    {
        public static readonly NumberKey TwoOfficerShare = new("twoOfficerShare", 0, 1, Default: 0, Hint: "0 = all solo cars, 1 = all two-officer cars");
        public static readonly Section Section = new("crew", [TwoOfficerShare]);
    }

    public static class Backup
    {
        public static readonly ChoiceKey<BackupRule> Rule = new("rule", Words.Backup, Default: BackupRule.None);
        public static readonly ChoiceKey<RiskLevel> MinRisk = new("minRisk", Words.MinRisk, Default: RiskLevel.Medium);
        public static readonly ChoiceKey<Engagement> Engage = new("engage", Words.Engage, Default: Engagement.Alone);
        public static readonly Section Section = new("backup", [Rule, MinRisk, Engage]);
    }

    public static class Dispatch
    {
        public static readonly ChoiceKey<DispatchRule> Rule = new("rule", Words.Dispatch, Default: DispatchRule.Closest);

        /// <summary>Zone id → unit numbers; read entry by entry, so not a <see cref="Section"/>.</summary>
        public static readonly NumberListKey Preferences = new("preferences", -1, 1, 100000, "unit numbers (1-based, in order of preference)");
        public static readonly PriorityDistributionsKey HoldMinutes = new("holdMinutes");
        public static readonly Section Section = new("dispatch", [Rule, Preferences, HoldMinutes, Reserve.Section]);
    }

    public static class Reserve
    {
        /// <summary>Must also lie after the most urgent call-type priority, up to the least urgent; the binder checks that.</summary>
        public static readonly IntegerKey FromPriority = new("fromPriority", 1, 9, Required: true, Hint: "calls of this priority and less urgent ones are sent a unit only if keepFreeUnits stay free");

        /// <summary>Must also be fewer than the units that can exist; the binder checks that.</summary>
        public static readonly IntegerKey KeepFreeUnits = new("keepFreeUnits", 1, 100000, Required: true, Hint: "units kept free for more urgent calls");
        public static readonly Section Section = new("reserve", [FromPriority, KeepFreeUnits]);
    }

    public static class Preemption
    {
        /// <summary>ScenarioRules checks both priorities against the call types' and each other.</summary>
        public static readonly IntegerKey UpToPriority = new("upToPriority", 1, 9, Required: true, Hint: "calls of this priority or more urgent may take a unit from less urgent work");
        public static readonly BoolKey SelfInitiated = new("selfInitiated", true);
        public static readonly IntegerKey FromCallsAtPriority = new("fromCallsAtPriority", 1, 9);
        public static readonly Section Section = new("preemption", [UpToPriority, SelfInitiated, FromCallsAtPriority]);
    }

    public static class CallHandling
    {
        public static readonly PriorityDistributionsKey IntakeMinutes = new("intakeMinutes", DefaultKey: "default");
        public static readonly Section ProcessingMinutes = Distribution.Named("processingMinutes");
        public static readonly Section Section = new("callHandling", [IntakeMinutes, ProcessingMinutes]);
    }

    public static class Change
    {
        public static readonly ValueKey At = new("at", Required: true, Hint: "when the window opens, e.g. \"day 10 18:00\"");
        public static readonly NumberKey DurationHours = new("durationHours", 0, 876600, Required: true, MinExclusive: true);
        public static readonly BoolKey Immediate = new("immediate", false);

        /// <summary>Its keys are <see cref="Switchable"/>, written as "section.key" (an optional "policy." in front).</summary>
        public static readonly Section Set = new("set", [], Required: true);
        public static readonly Section Item = new("changes[]", [At, DurationHours, Immediate, Set]);

        /// <summary>The policy keys a window may switch, as written under <c>set:</c>.</summary>
        public static readonly IReadOnlyList<(string Path, SchemaKey Key)> Switchable =
        [
            ("crew.twoOfficerShare", Crew.TwoOfficerShare),
            ("backup.rule", Backup.Rule),
            ("backup.minRisk", Backup.MinRisk),
            ("backup.engage", Backup.Engage),
            ("dispatch.rule", Dispatch.Rule),
            ("staffing.pullOfficers", Staffing.PullOfficers),
            ("demand.multiplier", Demand.Multiplier),
        ];
    }

    public static class BackupUnits
    {
        /// <summary>Backup-only units answer first only calls at or above this risk; absent: never.</summary>
        public static readonly ChoiceKey<RiskLevel> FirstResponseFromRisk = new("firstResponseFromRisk", Words.MinRisk);
        public static readonly BoolKey PreferForBackup = new("preferForBackup", true);

        /// <summary>Preferred for backup only when at most this many minutes farther than the nearest patrol unit; absent: always.</summary>
        public static readonly NumberKey PreferWithinMinutes = new("preferWithinMinutes", 0, 1440, Hint: "minutes a backup-only unit may be farther than the nearest patrol unit and still be sent first");
        public static readonly Section Section = new("backupUnits", [FirstResponseFromRisk, PreferForBackup, PreferWithinMinutes]);
    }

    public static class Policy
    {
        public static readonly ListKey Changes = new("changes", Change.Item);
        public static readonly Section Section = new("policy", [Crew.Section, Backup.Section, Dispatch.Section, Changes, Preemption.Section, BackupUnits.Section]);
    }

    public static class RiskWeights
    {
        public static readonly NumberKey Low = new("low", 0, 1000, Default: 1);
        public static readonly NumberKey Medium = new("medium", 0, 1000, Default: 2);
        public static readonly NumberKey High = new("high", 0, 1000, Default: 3);
        public static readonly Section Section = new("riskWeights", [Low, Medium, High]);
    }

    /// <summary>The optional <c>costs:</c> section: money for the council's view (docs/decisions.md).</summary>
    public static class Costs
    {
        public static readonly TextKey Currency = new("currency", Required: true, Hint: "the money unit's label, e.g. USD");
        public static readonly NumberKey OfficerHourly = new("officerHourly", 0, 1e6, Required: true, MinExclusive: true,
            Hint: "the loaded cost of one paid officer-hour (pay, benefits, pension)");
        public static readonly NumberKey OvertimePremium = new("overtimePremium", 0, 5, Default: 0.5, Hint: "extra share paid for an overtime hour, 0.5 = time and a half");
        public static readonly NumberKey CarPerYear = new("carPerYear", 0, 1e8, Required: true, Hint: "the yearly cost of one patrol car (depreciation, fuel, maintenance); 0 to leave cars out");
        public static readonly Section Section = new("costs", [Currency, OfficerHourly, OvertimePremium, CarPerYear]);
    }

    /// <summary>
    /// The optional <c>safety:</c> section: stated rates, no defaults (docs/decisions.md). Its sub-sections are required
    /// once it is there; the binder reports a missing one at its parent's line, with an example.
    /// </summary>
    public static class Safety
    {
        public static Section Rates(string name, string when)
        {
            string Hint(string level) => $"assaults per officer-hour on scene {when} at {level}-risk calls";
            return new Section(name, [
                new NumberKey("low", 0, 10, Required: true, Hint: Hint("low")),
                new NumberKey("medium", 0, 10, Required: true, Hint: Hint("medium")),
                new NumberKey("high", 0, 10, Required: true, Hint: Hint("high"))]);
        }

        public static readonly Section Alone = Rates("alone", "alone");
        public static readonly Section Paired = Rates("paired", "with another officer");
        public static readonly Section AssaultsPerHour = new("assaultsPerHour", [Alone, Paired]);
        public static readonly NumberKey InjuryAlone = new("alone", 0, 1, Required: true, Hint: "the chance an officer assaulted while alone is injured, e.g. 0.454");
        public static readonly NumberKey InjuryPaired = new("paired", 0, 1, Required: true, Hint: "the chance an officer assaulted while paired is injured, e.g. 0.387");
        public static readonly Section InjuryWhenAssaulted = new("injuryWhenAssaulted", [InjuryAlone, InjuryPaired]);
        public static readonly TextKey Source = new("source", Required: true, Hint: "say where the rates come from (a study, the department's records); it is printed beside every estimate");
        public static readonly Section Section = new("safety", [AssaultsPerHour, InjuryWhenAssaulted, Source]);
    }

    public static class Targets
    {
        public static readonly PriorityMapKey ResponseMinutes = new("responseMinutes", new NumberKey("", 0, 10000, MinExclusive: true, Hint: "minutes"));
        public static readonly Section Section = new("targets", [ResponseMinutes]);
    }

    public static class Root
    {
        public static readonly TextKey Name = new("name", Required: true, Hint: "give the scenario a short title");
        public static readonly TextKey Description = new("description", Default: "");
        public static readonly Section Section = new("", [
            Name, Description, Horizon.Section, City.Section, Demand.Section, Travel.Section, Staffing.Section, Policy.Section, CallHandling.Section, RiskWeights.Section, Targets.Section,
            Costs.Section, Safety.Section]);
    }
}
