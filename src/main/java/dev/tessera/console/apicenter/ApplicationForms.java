package dev.tessera.console.apicenter;

import dev.tessera.audit.web.RequestActor;
import dev.tessera.system.web.ErrorStatus;
import dev.tessera.console.AdminGate;
import dev.tessera.console.FormErrors;
import dev.tessera.access.AccessApplications;
import dev.tessera.account.CustomerId;
import dev.tessera.system.TesseraException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Apply for higher access" in the API Center (ADMIN only). A wrong field is shown next to the
 * field, a refusal (a level held already, STANDARD before BASIC, one pending) above the form; the
 * fields keep what was typed.
 */
@Controller
class ApplicationForms {

    /** The service's field names as the form labels them. */
    private final AccessApplications applications;
    private final AdminGate gate;
    private final ApiCenterView view;

    ApplicationForms(AccessApplications applications, AdminGate gate, ApiCenterView view) {
        this.applications = applications;
        this.gate = gate;
        this.view = view;
    }

    @PostMapping("/accounts/{customerId}/api-center/access-applications")
    String apply(@PathVariable String customerId, @ModelAttribute("applicationForm") ApiCenterView.ApplicationForm form,
            Principal principal, HttpServletRequest request, HttpServletResponse response, Model model,
            RedirectAttributes redirect) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        gate.require(id, principal.getName(), ApiCenterPage.PAGE);
        try {
            var filed = applications.apply(id, new AccessApplications.Application(form.requestedLevel(), form.useCase(),
                    operations(form.expectedDailyOperations()), form.companyUrl()), RequestActor.of(principal, request));
            redirect.addFlashAttribute("notice", "Your application for " + filed.requestedLevel()
                    + " access was sent. It is pending review; the API contact email hears of the decision.");
            return "redirect:/accounts/" + id.digits() + "/api-center#applications-title";
        } catch (TesseraException e) {
            if (e instanceof TesseraException.Forbidden || e instanceof TesseraException.NotFound) {
                throw e;
            }
            response.setStatus(ErrorStatus.of(e).value());
            if (e.field() != null) {
                model.addAttribute("applicationField", e.field());
                model.addAttribute("applicationProblem", FormErrors.readable(e));
            } else {
                model.addAttribute("applicationRefusal", e.getMessage());
            }
            return view.render(id, principal, request, model);
        }
    }

    private static Long operations(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(typed.strip().replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            throw TesseraException.invalid("expectedDailyOperations", "Expected daily operations is a whole number, "
                    + "like 5000.");
        }
    }

}
