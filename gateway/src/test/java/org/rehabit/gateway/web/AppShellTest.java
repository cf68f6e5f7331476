package org.rehabit.gateway.web;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The shell's version changes with any file's contents or name and with the worker, and with nothing else. */
class AppShellTest {

    private static final String WORKER = "const SHELL = {};\nself.addEventListener('fetch', () => {});";

    @Test
    void anEditedFileIsANewVersion() {
        String before = AppShell.version(files("main.js", "console.log(1);"), WORKER);
        assertEquals(before, AppShell.version(files("main.js", "console.log(1);"), WORKER));
        assertNotEquals(before, AppShell.version(files("main.js", "console.log(2);"), WORKER));
    }

    @Test
    void aRenamedOrAddedFileIsANewVersion() {
        String before = AppShell.version(files("main.js", "x"), WORKER);
        assertNotEquals(before, AppShell.version(files("start.js", "x"), WORKER));
        Map<String, byte[]> more = files("main.js", "x");
        more.put("/app/player.js", new byte[0]);
        assertNotEquals(before, AppShell.version(more, WORKER));
    }

    @Test
    void aChangedWorkerIsANewVersion() {
        assertNotEquals(AppShell.version(files("main.js", "x"), WORKER),
                AppShell.version(files("main.js", "x"), WORKER + "\n// changed"));
    }

    private static Map<String, byte[]> files(String name, String content) {
        Map<String, byte[]> files = new TreeMap<>();
        files.put("/index.html", "<script src=\"/app/main.js\" type=\"module\"></script>".getBytes(StandardCharsets.UTF_8));
        files.put("/app/" + name, content.getBytes(StandardCharsets.UTF_8));
        return files;
    }
}
