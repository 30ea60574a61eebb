package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.collabedge.http.rules.AllowListService;
import org.collabedge.http.rules.AllowRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser (headless Chromium) uses the allow-list pages: creates a rule through the form, uploads a rules
 * file through the file chooser (read into the form by the page's script), and runs a tests file. Skipped without
 * Chromium, failed under CI, as {@link ChromiumAdminTest}.
 */
class ChromiumHttpRulesTest {

    @TempDir
    Path data;

    @TempDir
    Path profile;

    @TempDir
    Path files;

    @Test
    void anAdminCreatesARuleUploadsRulesAndRunsTests() throws Exception {
        Path rules = files.resolve("rules.csv");
        Files.writeString(rules, "Url,Deployment,HttpMethods,MatchType,Description\n"
                + "https://updates.example.com/jabber/,,,prefix,\"Update server\"\n");
        Path tests = files.resolve("tests.csv");
        Files.writeString(tests, "Url,ExpectedResult,Deployment,Description,HttpMethod\n"
                + "https://photos.example.com/dir/jdoe.jpg,allow,,\"a photo\",GET\n"
                + "https://updates.example.com/jabber/update.xml,allow,,,\n"
                + "https://updates.example.com/other,block,,,\n");
        try (RunningEdge edge = new RunningEdge(data)) {
            WebDriver browser = HeadlessChromium.open(profile);
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                browser.get(edge.uri("http-allow-list").toString());
                wait.until(d -> d.getCurrentUrl().endsWith("/login"));
                browser.findElement(By.id("password")).sendKeys(RunningEdge.ADMIN_PASSWORD);
                browser.findElement(By.id("login")).click();
                wait.until(d -> d.getCurrentUrl().endsWith("/status"));

                browser.get(edge.uri("http-allow-list").toString());
                browser.findElement(By.id("new-rule")).click();
                wait.until(d -> d.getCurrentUrl().endsWith("/http-rule"));
                browser.findElement(By.id("url")).sendKeys("https://photos.example.com/dir/");
                browser.findElement(By.id("methods-choose")).click();
                browser.findElement(By.id("method-GET")).click();
                new Select(browser.findElement(By.id("matchType"))).selectByValue("PREFIX");
                browser.findElement(By.id("description")).sendKeys("Directory photos");
                browser.findElement(By.id("save-rule")).click();
                wait.until(d -> d.getCurrentUrl().contains("done=http_rule_saved"));
                assertTrue(browser.findElement(By.id("rules")).getText().contains("https://photos.example.com/dir/"));

                browser.get(edge.uri("http-upload-rules").toString());
                browser.findElement(By.id("csv-file")).sendKeys(rules.toString()); // a multipart file upload
                browser.findElement(By.id("upload")).click();
                wait.until(d -> d.getCurrentUrl().contains("done=http_rules_uploaded"));
                AllowListService allow = edge.host.core().allowList();
                assertEquals(2, allow.rules().rules().size());
                assertTrue(allow.rules().rules().stream().map(AllowRule::description).toList()
                        .contains("Update server"));

                browser.get(edge.uri("http-allow-list-tests").toString());
                browser.findElement(By.id("tests-file")).sendKeys(tests.toString());
                wait.until(d -> d.findElement(By.id("csv")).getAttribute("value").contains("jdoe.jpg"));
                browser.findElement(By.id("run-tests")).click();
                wait.until(d -> d.getCurrentUrl().contains("done=http_tests_run"));
                String summary = browser.findElement(By.id("tests-summary")).getText();
                assertEquals("3 passed, 0 failed, 0 not run", summary);

                Path shot = Path.of("target", "screenshots");
                Files.createDirectories(shot);
                Files.write(shot.resolve("http-allow-list-tests.png"),
                        ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            } finally {
                browser.quit();
            }
        }
    }
}
