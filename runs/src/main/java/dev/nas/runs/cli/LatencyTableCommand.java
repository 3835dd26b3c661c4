package dev.nas.runs.cli;

import dev.nas.latency.device.DeviceProfile;
import dev.nas.latency.lut.FittedTable;
import dev.nas.latency.lut.LookupTable;
import dev.nas.runs.export.Format;
import dev.nas.runs.export.Table;
import dev.nas.runs.storage.LatencyLookup;
import dev.nas.runs.storage.StudyAddress;
import dev.nas.space.BadInput;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nas latency table}: a lookup table printed. */
@Command(name = "table", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints a lookup table: a device's, or the one a study's latencies were predicted from."})
final class LatencyTableCommand implements Callable<Integer> {

    @ArgGroup(multiplicity = "1")
    Source source;

    static final class Source {
        @ArgGroup(exclusive = false)
        DeviceOption device;

        @Option(names = "--db", paramLabel = "STUDY",
                description = "A study: PATH of PATH.mv.db, or jdbc:postgresql://HOST[:PORT]/DATABASE.")
        String db;
    }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, csv or json (default: ${DEFAULT-VALUE}).", converter = FormatConverter.class)
    Format format;

    @Override
    public Integer call() {
        LookupTable table;
        if (source.db != null) {
            table = StudyAddress.of(source.db).location().read(storage -> {
                String name = storage.spec().space().objective().latency().device();
                FittedTable stored = LatencyLookup.read(storage, name).orElseThrow(() ->
                        new BadInput("the study " + storage.where() + " predicted no latency "
                                + "from a lookup table"));
                System.err.printf("nas: lookup table of device '%s' as the study used it: %s%n", name, stored);
                return stored.table();
            });
        } else {
            DeviceProfile profile = source.device.existing();
            table = profile.table();
            System.err.printf("nas: lookup table of device '%s' (%s): %d layers%n", profile.name(),
                    profile.layersFile(), table.rows().size());
        }
        List<List<Object>> rows = table.rows().entrySet().stream()
                .sorted(Comparator.comparing(row -> row.getKey().token()))
                .map(row -> LookupTable.cells(row.getKey(), row.getValue())).toList();
        System.out.print(new Table(LookupTable.COLUMNS, rows).write(format));
        return Main.DONE;
    }
}
