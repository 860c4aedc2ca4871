"""Drives headless Chromium through Socle's portal as a new user would, saving screenshots.

usage: browser_check.py BASE_URL SERVE_LOG OUT_DIR
Fails (exit 1) when a page does not load, lacks its landmark, shows an untranslated key, or when the
login / upload flow does not reach its expected page.
"""
import os
import re
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

base, log_path, out = sys.argv[1], sys.argv[2], sys.argv[3]
opts = Options()
# A French agent's browser: pages must come out in French (English is negotiated from Accept-Language).
for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=fr-FR"]:
    opts.add_argument(a)
opts.add_experimental_option("prefs", {"intl.accept_languages": "fr-FR,fr"})
driver_path = "/usr/bin/chromedriver"
driver = webdriver.Chrome(service=Service(driver_path), options=opts)
failures = []


def check(name, path, must_contain=None):
    driver.get(base + path)
    time.sleep(0.3)
    html = driver.page_source
    driver.save_screenshot(os.path.join(out, f"{name}.png"))
    if not driver.find_elements(By.TAG_NAME, "main"):
        failures.append(f"{name}: no <main> landmark")
    if re.search(r"\b(web|server|auth|catalog|publish|inventory|register)\.[a-zA-Z_]+\.[a-zA-Z_]+\b", driver.find_element(By.TAG_NAME, "body").text):
        failures.append(f"{name}: an untranslated catalog key is shown")
    if must_contain and must_contain not in html:
        failures.append(f"{name}: expected to find {must_contain!r}")
    return html


try:
    home = check("01-accueil", "/")
    if 'lang="fr"' not in home:
        failures.append("home: not served in French to a French browser")
    check("02-catalogue", "/catalogue")
    check("03-jeu-de-donnees", "/jeux-de-donnees/equipements-publics", "equipements-publics")
    check("04-connexion", "/connexion", "password")
    log = open(log_path, encoding="utf-8").read()
    m = re.search(r"(admin@[\w.-]+)\s+(\S+)", log)
    if not m:
        failures.append("login: demo credentials not found in the serve output")
    else:
        driver.find_element(By.NAME, "email").send_keys(m.group(1))
        driver.find_element(By.NAME, "password").send_keys(m.group(2))
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit], form input[type=submit]").click()
        time.sleep(1)
        driver.save_screenshot(os.path.join(out, "05-apres-connexion.png"))
        html = check("06-televerser", "/televerser")
        if "type=\"file\"" not in html and "type='file'" not in html:
            failures.append("upload: no file input on the upload page")
        check("07-inventaire", "/inventaire")
        # The admin is also a DPO-level member of the CCAS: the review page and the anonymisation wizard.
        review = check("10-donnees-personnelles", "/datasets/beneficiaires-aides/privacy", "name=\"verdict\"")
        if "***" not in review:
            failures.append("privacy: the review page shows no masked example")
        check("11-assistant-anonymisation", "/datasets/beneficiaires-aides/anonymise", "name=\"action.nir\"")
        check("12-documentation-api", "/api/v1/docs", "/api/v1/datasets/{slug}/records")
        # The GDPR register (the admin keeps it too): the list, the social aid activity with its linked dataset.
        register = check("14-registre", "/register", "Attribution des aides sociales facultatives")
        m = re.search(r'href="(/register/activities/\d+)">Attribution', register)
        if not m:
            failures.append("register: no link to the social aid activity")
        else:
            check("15-activite-de-traitement", m.group(1), "/datasets/beneficiaires-aides")
        check("16-formulaire-activite", "/register/new", "name=\"legalBases\"")
        check("17-registre-public", "/register/public", "Vidéoprotection")
        driver.set_window_size(360, 780)
        check("08-catalogue-telephone", "/catalogue")
        check("13-donnees-personnelles-telephone", "/datasets/beneficiaires-aides/privacy")
        check("18-registre-public-telephone", "/register/public")
        width = driver.execute_script("return document.documentElement.scrollWidth")
        if width > 360:
            failures.append(f"phone: the public register scrolls sideways ({width} px wide in a 360 px window)")
        check("08-catalogue-telephone", "/catalogue")
        width = driver.execute_script("return document.documentElement.scrollWidth")
        if width > 360:
            failures.append(f"phone: the catalog scrolls sideways ({width} px wide in a 360 px window)")
        # The DPO's pages at phone width (375 px): review table stacked, audit log as sentences, no sideways scroll.
        driver.set_window_size(375, 900)
        for name, path in [("19-donnees-personnelles-375", "/datasets/beneficiaires-aides/privacy"),
                           ("20-assistant-anonymisation-375", "/datasets/beneficiaires-aides/anonymise"),
                           ("21-journal-audit-375", "/admin/audit")]:
            check(name, path)
            wide = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if wide > 0:
                failures.append(f"phone: {path} scrolls sideways ({wide} px too wide at 375 px)")
        driver.set_window_size(1280, 900)
        english = check("09-dataset-english", "/jeux-de-donnees/equipements-publics?lang=en")
        if 'lang="en"' not in english:
            failures.append("?lang=en did not switch the page to English")
finally:
    driver.quit()

if failures:
    print("browser check FAILED:", *failures, sep="\n  ")
    sys.exit(1)
print(f"browser check passed: screenshots in {out}")
