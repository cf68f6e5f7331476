package org.rehabit.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Dockerfile as a list of instructions (continuation lines joined, comments dropped). */
record Dockerfile(Path file, String text, List<Instruction> instructions) {

    /** One instruction: its keyword in upper case and the rest of the line. */
    record Instruction(String keyword, String arguments) {
    }

    private static final Pattern ENV_NAME = Pattern.compile("(?:^|\\s)([A-Za-z_][A-Za-z0-9_]*)=");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

    static Dockerfile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String joined = current.toString().strip();
            current.setLength(0);
            if (joined.isEmpty()) {
                continue;
            }
            int space = joined.indexOf(' ');
            instructions.add(space < 0 ? new Instruction(joined.toUpperCase(Locale.ROOT), "")
                    : new Instruction(joined.substring(0, space).toUpperCase(Locale.ROOT),
                            joined.substring(space + 1).strip()));
        }
        return new Dockerfile(file, text, instructions);
    }

    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** Variables the image's start command reads: those it sets with ENV and those ENTRYPOINT/CMD refer to. */
    Set<String> variables() {
        Set<String> names = new TreeSet<>();
        for (String env : all("ENV")) {
            Matcher m = ENV_NAME.matcher(env);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        for (String keyword : List.of("ENTRYPOINT", "CMD")) {
            for (String args : all(keyword)) {
                Matcher m = REFERENCE.matcher(args);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }
}
