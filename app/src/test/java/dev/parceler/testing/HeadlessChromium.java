package dev.parceler.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its WebDriver ({@code chromium-driver}) by Selenium.
 * Without both programs the test is skipped naming them, and fails under {@code CI=true}. Each
 * browser has a new empty profile and talks to loopback only (no background traffic).
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final Dimension DESKTOP = new Dimension(1280, 900);
    public static final Dimension PHONE = new Dimension(390, 844);

    private final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;

    private HeadlessChromium(ChromeDriver driver, Path profile, Path screenshots) {
        this.driver = driver;
        this.profile = profile;
        this.screenshots = screenshots;
    }

    public static HeadlessChromium start(Path screenshots) {
        Path chromium = ExternalBinary.find("chromium").orElseGet(() -> ExternalBinary.require("chromium"));
        Path chromedriver = ExternalBinary.find("chromedriver").orElseGet(() -> ExternalBinary.require("chromedriver"));
        try {
            Path profile = Files.createTempDirectory("parceler-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            Files.createDirectories(screenshots);
            return new HeadlessChromium(driver, profile, screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Writes {@code <name>-desktop.png} and {@code <name>-phone.png} of the page shown now (whole page height). */
    public void screenshots(String name) {
        shoot(name + "-desktop", DESKTOP);
        shoot(name + "-phone", PHONE);
        driver.manage().window().setSize(DESKTOP);
    }

    private void shoot(String name, Dimension size) {
        driver.manage().window().setSize(size);
        Object height = driver.executeScript("return document.documentElement.scrollHeight");
        int full = Math.min(4000, Math.max(size.getHeight(), ((Number) height).intValue()));
        driver.manage().window().setSize(new Dimension(size.getWidth(), full));
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        try {
            Files.move(shot, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try {
            LocalTree.delete(profile);
        } catch (RuntimeException e) {
            // A profile left in /tmp is harmless.
        }
    }

    /** Deletes a folder tree. */
    private static final class LocalTree {
        static void delete(Path root) {
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
