package dev.parceler.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.admin.AdminStore;
import dev.parceler.admin.PasswordHash;
import dev.parceler.snapshot.Manifest;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.HeadlessChromium;
import dev.parceler.testing.RunningService;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The operator console in a real browser (headless Chromium) against a running server: an admin
 * signs in, looks at a repository, freezes it with a reason, sees the audit entry and signs out;
 * a tampered form is refused; guessing passwords gets throttled. Screenshots of every page, as a
 * desktop and as a phone, go to {@code target/screenshots}.
 */
class ConsoleBrowserIT {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final String OLD = "2026-11-20T00:00:00+00:00";
    static final String NEW = "2026-11-27T00:00:00+00:00";
    static final String PASSWORD = "correct horse battery";

    private static HeadlessChromium chromium;

    @TempDir
    Path home;
    private RunningService service;
    private WebDriver browser;
    private String base;

    @BeforeAll
    static void startBrowser() {
        chromium = HeadlessChromium.start(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void start() throws IOException {
        service = RunningService.start(home, Map.of());
        service.parceler().clock().set(java.time.Instant.parse("2026-11-26T12:00:00Z"));
        service.parceler().createRepository("base", 7);
        Path old = service.parceler().snapshot("base", OLD, Map.of("Packages", "index v1", "pkg/a.ipk", "aaaa"));
        new Manifest(1, List.of(new Manifest.Entry("Packages", 8, 0, "1"), new Manifest.Entry("pkg/a.ipk", 4, 0, "a"))).write(old);
        Path next = service.parceler().snapshot("base", NEW, Map.of("Packages", "index v2", "pkg/a.ipk", "aaaa", "pkg/b.ipk", "bb"));
        new Manifest(1, List.of(new Manifest.Entry("Packages", 8, 0, "2"), new Manifest.Entry("pkg/a.ipk", 4, 0, "a"),
                new Manifest.Entry("pkg/b.ipk", 2, 0, "b"))).write(next);
        new AdminStore(service.parceler().installation().database().dataSource(), new PasswordHash(new SecureRandom()),
                service.parceler().clock()).create("alice", PASSWORD);
        browser = chromium.driver();
        base = "http://127.0.0.1:" + service.port();
        browser.get(base + "/console.css");
        browser.manage().deleteAllCookies();
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void signIn(String name, String password) {
        browser.findElement(By.id("name")).clear();
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(password);
        submit(By.id("sign-in-button"));
    }

    /** Clicks a form's button and waits for the page it leads to (a click does not wait for the answer). */
    private void submit(By button) {
        org.openqa.selenium.WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(button).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> replaced(page));
    }

    /**
     * Whether the page of {@code element} has been replaced. ChromeDriver says so by a stale
     * element, or, when the old document goes while it looks, by "does not belong to the document".
     */
    private static boolean replaced(org.openqa.selenium.WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException gone) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    @Test
    void anAdminFreezesARepositoryWithAReasonAndSeesItInTheAudit() {
        browser.get(base + "/");
        assertThat(text("service-state")).isEqualTo("up");
        assertThat(text("repo-base")).contains(OLD).contains("6 d 12 h");
        assertThat(text("repo-base")).as("the next change is when the served snapshot leaves the delay")
                .contains("2026-11-27 00:00");
        assertThat(browser.findElements(By.cssSelector("#repo-base a"))).as("no repository page link before signing in").isEmpty();
        chromium.screenshots("status");

        browser.get(base + "/repositories/base");
        assertThat(browser.getCurrentUrl()).as("the repository page needs an admin").startsWith(base + "/login");
        chromium.screenshots("login");
        signIn("alice", PASSWORD);
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/repositories/base");
        assertThat(browser.findElements(By.id("rollout"))).as("no rollout panel without rings").isEmpty();
        assertThat(text("signatures")).isEqualTo("not checked no trusted keys: repo:edit base --trusted-key FILE");
        assertThat(service.parceler().run("repo:ring:add", "base", "canary", "--delay", "0", "--percent", "5").exitCode()).isZero();
        assertThat(service.parceler().run("repo:halt", "base").exitCode()).isZero();
        browser.get(base + "/repositories/base");
        // Halted now: a snapshot taken later (NEW) is not served, even to a ring without delay.
        assertThat(text("rollout")).contains("halted", "canary", "0 days", "5 %", OLD).doesNotContain(NEW);
        assertThat(service.parceler().run("repo:resume", "base").exitCode()).isZero();

        assertThat(text("served")).isEqualTo(OLD);
        String snapshots = text("snapshots");
        assertThat(snapshots).contains(OLD + " served 2 12 B").contains(NEW + " 3 14 B");
        assertThat(text("next-changes")).contains("1 added, 1 changed, 0 removed");
        chromium.screenshots("repository");

        new Select(browser.findElement(By.cssSelector("#form-freeze select"))).selectByValue(NEW);
        browser.findElement(By.cssSelector("#form-freeze input[name=reason]")).sendKeys("openssl 3.5 breaks the VPN, see ticket 4711");
        submit(By.cssSelector("#form-freeze button"));

        assertThat(text("done")).contains("freeze");
        assertThat(text("frozen-badge")).isEqualTo("frozen on " + NEW);
        assertThat(text("served")).isEqualTo(NEW);
        assertThat(text("audit")).contains("alice").contains("freeze " + NEW).contains("openssl 3.5 breaks the VPN, see ticket 4711");
        chromium.screenshots("repository-frozen");
        assertThat(service.parceler().installation().repositoryComponents().repositories().get("base").freeze()).contains(NEW);
        assertThat(service.parceler().run("repo:runs", "base").out())
                .contains("Console actions:").contains("alice").contains("openssl 3.5 breaks the VPN, see ticket 4711");

        // Back to the snapshot served before the freeze, with a reason of its own.
        new Select(browser.findElement(By.cssSelector("#form-rollback select"))).selectByValue(OLD);
        browser.findElement(By.cssSelector("#form-rollback input[name=reason]")).sendKeys("back to what ran fine");
        submit(By.cssSelector("#form-rollback button"));
        assertThat(text("done")).contains("rollback");
        assertThat(text("served")).isEqualTo(OLD);
        assertThat(text("audit")).contains("rollback " + OLD).contains("back to what ran fine");
        assertThat(service.parceler().run("repo:list", "--json").out()).contains("\"rollback\" : true");

        browser.get(base + "/");
        assertThat(text("repo-base")).contains("frozen").contains(OLD);
        submit(By.id("sign-out"));
        assertThat(browser.getCurrentUrl()).startsWith(base + "/login");
        browser.get(base + "/repositories/base");
        assertThat(browser.getCurrentUrl()).as("signed out").startsWith(base + "/login");
    }

    @Test
    void aFormWithoutTheSessionsTokenIsRefusedAndChangesNothing() {
        browser.get(base + "/login?next=/repositories/base");
        signIn("alice", PASSWORD);
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.querySelector('#form-freeze input[name=_csrf]').value = 'forged'");
        browser.findElement(By.cssSelector("#form-freeze input[name=reason]")).sendKeys("forged request");
        submit(By.cssSelector("#form-freeze button"));

        assertThat(browser.getTitle()).startsWith("Form refused");
        assertThat(text("message")).contains("did not come from this site");
        chromium.screenshots("csrf-refused");
        assertThat(service.parceler().installation().repositoryComponents().repositories().get("base").frozen()).isFalse();
        assertThat(service.parceler().installation().audit().recent("base", 10)).isEmpty();

        assertThat(service.http().send("POST", "/repositories/base/release", "reason=x",
                "Content-Type: application/x-www-form-urlencoded").status()).as("no session, no token").isEqualTo(403);
    }

    @Test
    void repeatedWrongPasswordsThrottleTheAccountEvenForTheRightPassword() {
        browser.get(base + "/login");
        for (int attempt = 1; attempt <= 5; attempt++) {
            signIn("alice", "wrong password " + attempt);
            assertThat(text("error")).isEqualTo("Wrong name or password.");
        }
        signIn("alice", PASSWORD);
        assertThat(text("error")).isEqualTo("Too many failed sign-ins. Try again in 15 minutes.");
        chromium.screenshots("login-throttled");
        browser.get(base + "/repositories/base");
        assertThat(browser.getCurrentUrl()).as("not signed in").startsWith(base + "/login");

        service.parceler().clock().advance(Duration.ofMinutes(16));
        browser.get(base + "/login");
        signIn("alice", PASSWORD);
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/");
        assertThat(text("sign-out")).isEqualTo("Sign out");
    }

    @Test
    void browsersGetAMaintenancePageWithTheRetryTime() {
        service.parceler().run("down", "--retry", "300");
        Eventually.await(Duration.ofSeconds(5), "the server sees maintenance", () -> service.http().get("/").status() == 503);
        browser.get(base + "/");
        assertThat(browser.getTitle()).startsWith("Down for maintenance");
        assertThat(text("retry")).isEqualTo("Please try again in 5 minutes (after 12:05 UTC).");
        chromium.screenshots("maintenance");
    }
}
