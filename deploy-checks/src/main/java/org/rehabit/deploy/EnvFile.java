package org.rehabit.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Compose env file (.env.example) and the interpolation of {@code ${VAR}} forms with its values. */
record EnvFile(Map<String, String> values) {

    private static final Pattern REFERENCE = Pattern.compile(
            "\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    static EnvFile read(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int eq = trimmed.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(file + ": not KEY=VALUE: " + line);
                }
                String value = trimmed.substring(eq + 1).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                        || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                values.put(trimmed.substring(0, eq).strip(), value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EnvFile(values);
    }

    /** The text with every variable replaced as Compose does; an unset {@code ${X:?..}} becomes an error. */
    String interpolate(String text) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else {
                String name = m.group(1) != null ? m.group(1) : m.group(4);
                String value = values.get(name);
                String operator = m.group(2);
                boolean unset = value == null || (operator != null && operator.startsWith(":") && value.isEmpty());
                if (unset && operator != null && operator.endsWith("-")) {
                    replacement = m.group(3);
                } else if (unset && operator != null && operator.endsWith("?")) {
                    throw new IllegalArgumentException("required variable " + name + " is not set: " + m.group(3));
                } else {
                    replacement = value == null ? "" : value;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Like {@link #interpolate}, but an unset required variable becomes empty (its absence is reported elsewhere). */
    String interpolateQuietly(String text) {
        try {
            return interpolate(text);
        } catch (IllegalArgumentException e) {
            Map<String, String> withBlanks = new LinkedHashMap<>(values);
            references(text).forEach(name -> withBlanks.putIfAbsent(name, ""));
            return new EnvFile(withBlanks).interpolate(text.replaceAll("\\$\\{([A-Za-z0-9_]+):?\\?[^}]*}", "\\${$1}"));
        }
    }

    /** The names of the variables a text refers to. */
    static Set<String> references(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            if (m.group(1) != null) {
                names.add(m.group(1));
            } else if (m.group(4) != null) {
                names.add(m.group(4));
            }
        }
        return names;
    }
}
