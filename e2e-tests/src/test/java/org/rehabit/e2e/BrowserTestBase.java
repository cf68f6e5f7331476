package org.rehabit.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What a browser test of the shared running platform starts and ends with: one headless Chromium on the gateway
 * for the whole class (opened before the class's own {@code @BeforeAll}, closed after its last test), and a step
 * that fails on any browser console error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestBase {

    protected RunningPlatform platform;
    protected Browser browser;

    @BeforeAll
    void openBrowser() {
        platform = RunningPlatform.get();
        browser = new Browser(platform.gatewayUrl());
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void noConsoleErrors() {
        browser.assertNoConsoleErrors();
    }
}
