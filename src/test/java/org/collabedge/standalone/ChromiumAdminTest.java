package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser (Debian's headless Chromium) logs in to the standalone admin pages, adds a domain through the form
 * and sees it listed. CI installs chromium and chromium-driver; a developer machine without them skips the test,
 * but CI (CI=true) fails instead of skipping.
 */
class ChromiumAdminTest {

    @TempDir
    Path data;

    @TempDir
    Path profile;

    @Test
    void anAdminAddsADomainThroughTheFormAndSeesItListed() throws Exception {
        try (RunningEdge edge = new RunningEdge(data)) {
            WebDriver browser = HeadlessChromium.open(profile);
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                browser.get(edge.uri("domains").toString());
                wait.until(d -> d.getCurrentUrl().endsWith("/login"));
                browser.findElement(By.id("password")).sendKeys(RunningEdge.ADMIN_PASSWORD);
                browser.findElement(By.id("login")).click();
                wait.until(d -> d.getCurrentUrl().endsWith("/status"));

                browser.get(edge.uri("domains").toString());
                browser.findElement(By.id("name")).sendKeys("chromium.example.org");
                new Select(browser.findElement(By.id("sipOnEdge"))).selectByValue("on");
                browser.findElement(By.id("save-domain")).click();
                wait.until(d -> d.getCurrentUrl().contains("done=domain_saved"));

                WebElement table = browser.findElement(By.id("domains"));
                assertTrue(table.getText().contains("chromium.example.org"), table.getText());
                assertTrue(browser.findElement(By.cssSelector("p.flash")).getText().contains("Domain saved"));
                assertEquals("example.org", edge.host.core().config().current().domain("chromium.example.org")
                        .orElseThrow().name().substring("chromium.".length()));
                Path shot = Path.of("target", "screenshots");
                Files.createDirectories(shot);
                Files.write(shot.resolve("domains.png"),
                        ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            } finally {
                browser.quit();
            }
        }
    }
}
