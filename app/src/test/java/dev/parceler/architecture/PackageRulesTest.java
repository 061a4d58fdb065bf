package dev.parceler.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.InstanceofCheck;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.parceler.config.S3Settings;
import dev.parceler.storage.Disk;
import dev.parceler.storage.S3Disk;
import dev.parceler.volume.Volume;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules ARCHITECTURE.md describes, checked on the compiled classes of every module
 * (the app module's test class path holds them all). A rule that fails names the classes.
 */
class PackageRulesTest {
    /** The domain: what every process shares. It knows nothing of how it is driven. */
    private static final String[] DOMAIN = {"dev.parceler.config..", "dev.parceler.database..", "dev.parceler.storage..",
        "dev.parceler.repository..", "dev.parceler.snapshot..", "dev.parceler.sync..", "dev.parceler.auth..",
        "dev.parceler.maintenance..", "dev.parceler.audit..", "dev.parceler.digest..", "dev.parceler.failure..", "dev.parceler.volume..",
        "dev.parceler.signature..", "dev.parceler.laravel..", "dev.parceler.notify..", "dev.parceler.health.."};
    /** The edges that drive it: the console, the processes and the HTTP routes. */
    private static final String[] EDGES = {"dev.parceler.console..", "dev.parceler.app..", "dev.parceler.download..",
        "dev.parceler.netifyd..", "dev.parceler.web..", "dev.parceler.admin..", "dev.parceler.metrics..",
        "dev.parceler.worker..", "dev.parceler.scheduler..", "dev.parceler.files.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // Tests come as folders or, from another module, as its tests jar: neither is production code.
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.parceler");
    }

    @Test
    void theRulesSeeEveryModule() {
        org.assertj.core.api.Assertions.assertThat(classes.stream().map(type -> type.getName()))
                .contains("dev.parceler.Installation", "dev.parceler.app.ParcelerMain", "dev.parceler.worker.WorkerProcess",
                        "dev.parceler.scheduler.SchedulerProcess", "dev.parceler.download.DownloadRoute");
    }

    /** Each package is in one of the two lists (the root package, {@code Installation}, is the wiring): a new one must be placed. */
    @Test
    void everyPackageIsDomainOrEdge() {
        java.util.Set<String> packages = new java.util.TreeSet<>();
        for (JavaClass type : classes) {
            String[] name = type.getPackageName().split("\\.");
            if (name.length > 2) {
                packages.add(name[2]);
            }
        }
        java.util.Set<String> listed = new java.util.TreeSet<>();
        for (String[] list : new String[][] {DOMAIN, EDGES}) {
            for (String rule : list) {
                listed.add(rule.substring("dev.parceler.".length(), rule.length() - 2));
            }
        }
        org.assertj.core.api.Assertions.assertThat(listed).as("the packages the rules place").isEqualTo(packages);
    }

    @Test
    void noPackageIsSplitAcrossModules() {
        java.util.Map<String, java.util.Set<String>> modules = new java.util.TreeMap<>();
        for (com.tngtech.archunit.core.domain.JavaClass type : classes) {
            modules.computeIfAbsent(type.getPackageName(), name -> new java.util.TreeSet<>()).add(module(type));
        }
        org.assertj.core.api.Assertions.assertThat(modules).allSatisfy((name, in) ->
                org.assertj.core.api.Assertions.assertThat(in).as("modules holding package " + name).hasSize(1));
    }

    /** A class's module: the jar or classes folder it was read from. */
    private static String module(JavaClass type) {
        String location = type.getSource().map(source -> source.getUri().toString()).orElse("?");
        String module = location.replaceAll("^(.*?/(?:shared|app|worker|scheduler))/target/.*$", "$1")
                .replaceAll("^.*/parceler-(shared|app|worker|scheduler)-[^/]*\\.jar!.*$", "$1");
        return module.replaceAll("^.*/", "");
    }

    /**
     * Code lives in the module of the process that runs it: a class of the shared module that only
     * the worker, or only the scheduler, uses belongs in that module. (The domain classes only
     * {@code serve} uses stay shared: the app module is also the console's and the entry point's.
     * A class nothing else uses is let be: a value the job library reads by name.)
     */
    @Test
    void workerAndSchedulerCodeIsNotShared() {
        java.util.Map<String, String> onlyOneUser = new java.util.TreeMap<>();
        for (JavaClass type : classes) {
            if (!module(type).equals("shared") || type.isNestedClass()) {
                continue;
            }
            java.util.Set<String> users = new java.util.TreeSet<>();
            java.util.Set<com.tngtech.archunit.core.domain.Dependency> uses = new java.util.HashSet<>(type.getDirectDependenciesToSelf());
            classes.stream().filter(nested -> nested.getEnclosingClass().map(type::equals).orElse(false))
                    .forEach(nested -> uses.addAll(nested.getDirectDependenciesToSelf()));
            for (com.tngtech.archunit.core.domain.Dependency dependency : uses) {
                JavaClass user = dependency.getOriginClass();
                while (user.getEnclosingClass().isPresent()) {
                    user = user.getEnclosingClass().get();
                }
                if (!user.equals(type)) {
                    users.add(module(user));
                }
            }
            if (users.equals(java.util.Set.of("worker")) || users.equals(java.util.Set.of("scheduler"))) {
                onlyOneUser.put(type.getName(), users.iterator().next());
            }
        }
        org.assertj.core.api.Assertions.assertThat(onlyOneUser).as("shared classes only the worker or only the scheduler uses").isEmpty();
    }

    /**
     * One composition root per process builds it: {@code WorkerRoot} the worker, {@code SchedulerRoot}
     * the scheduler, {@code ServeRoot} the HTTP service ({@code ConsoleRoot} the console's commands).
     */
    @Test
    void eachProcessIsBuiltByItsRoot() {
        java.util.Map<String, String> roots = java.util.Map.of("dev.parceler.worker.WorkerProcess", "dev.parceler.worker.WorkerRoot",
                "dev.parceler.scheduler.SchedulerProcess", "dev.parceler.scheduler.SchedulerRoot",
                "dev.parceler.app.HttpService", "dev.parceler.app.ServeRoot",
                "dev.parceler.console.Console", "dev.parceler.console.ConsoleRoot");
        roots.forEach((process, root) -> noClasses().that().doNotHaveFullyQualifiedName(root).and().doNotHaveFullyQualifiedName(process)
                .should().callConstructorWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                        com.tngtech.archunit.base.DescribedPredicate.describe(process, owner -> owner.getName().equals(process)))))
                .because("the process's wiring is read in one place, top to bottom").check(classes));
    }

    /**
     * The wiring is built by the roots, not looked up: only the wiring (Installation, the
     * {@code *Components} of each domain and the process roots) uses a {@code *Components} class.
     */
    @Test
    void onlyTheWiringUsesTheComponents() {
        noClasses().that().haveSimpleNameNotEndingWith("Components").and().haveSimpleNameNotEndingWith("Root")
                .and().doNotHaveFullyQualifiedName("dev.parceler.Installation")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Components")
                .because("every collaborator comes through a constructor").check(classes);
    }

    /**
     * {@code Installation} holds the per-domain components; only the process roots read it
     * ({@code ConsoleRoot}, {@code ParcelerRoot}, {@code ServeRoot}, {@code WorkerRoot},
     * {@code SchedulerRoot}). Every other class, a console command included, names in its
     * constructor the parts it uses.
     */
    @Test
    void onlyTheRootsUseTheInstallation() {
        noClasses().that(com.tngtech.archunit.base.DescribedPredicate.describe("are not part of a *Root class",
                        type -> !outermost(type).getSimpleName().endsWith("Root")))
                .and().doNotHaveFullyQualifiedName("dev.parceler.Installation")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.parceler.Installation")
                .because("a class that holds the installation could use any part of it, and its constructor would not say which")
                .check(classes);
    }

    private static JavaClass outermost(JavaClass type) {
        JavaClass outer = type;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    /** The file responder answers files as nginx does and knows nothing of what they are: only the downloads use it. */
    @Test
    void theFileResponderKnowsNothingOfParceler() {
        noClasses().that().resideInAPackage("dev.parceler.files..").should().dependOnClassesThat(
                        com.tngtech.archunit.base.DescribedPredicate.describe("are Parceler's outside the responder",
                                type -> type.getPackageName().startsWith("dev.parceler.")
                                        && !type.getPackageName().startsWith("dev.parceler.files")))
                .check(classes);
        noClasses().that().resideOutsideOfPackages("dev.parceler.files..", "dev.parceler.download..").should()
                .dependOnClassesThat().resideInAPackage("dev.parceler.files..").check(classes);
    }

    /** Every command of the console has its home in {@code console}; a command that starts a process lives beside that process. */
    @Test
    void theConsolesCommandsLiveInTheConsole() {
        classes().that().areAnnotatedWith(picocli.CommandLine.Command.class)
                .and().doNotHaveFullyQualifiedName("dev.parceler.app.ServeCommand")
                .and().doNotHaveFullyQualifiedName("dev.parceler.worker.WorkerCommand")
                .and().doNotHaveFullyQualifiedName("dev.parceler.scheduler.SchedulerCommand")
                .should().resideInAPackage("dev.parceler.console..").check(classes);
    }

    /** Only the worker runs jobs: the job library's server is the worker's alone. */
    @Test
    void onlyTheWorkerRunsJobs() {
        noClasses().that().resideOutsideOfPackage("dev.parceler.worker..").should().dependOnClassesThat()
                .haveFullyQualifiedName("org.jobrunr.server.BackgroundJobServer").check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.parceler.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theDomainDoesNotKnowItsEdges() {
        noClasses().that().resideInAnyPackage(DOMAIN).should().dependOnClassesThat().resideInAnyPackage(EDGES)
                .because("jobs, routes and commands use the domain, never the other way round").check(classes);
    }

    @Test
    void theDomainDoesNotReachForTheWiring() {
        noClasses().that().resideInAnyPackage(DOMAIN).should().dependOnClassesThat()
                .haveFullyQualifiedName("dev.parceler.Installation")
                .because("every collaborator comes through a constructor").check(classes);
    }

    @Test
    void onlyTheEntryPointKnowsTheProcesses() {
        noClasses().that().resideOutsideOfPackage("dev.parceler.app..").should().dependOnClassesThat()
                .resideInAPackage("dev.parceler.app..").check(classes);
        noClasses().that().resideOutsideOfPackages("dev.parceler.app..", "dev.parceler.worker..").should()
                .dependOnClassesThat().resideInAPackage("dev.parceler.worker..").check(classes);
        noClasses().that().resideOutsideOfPackages("dev.parceler.app..", "dev.parceler.scheduler..").should()
                .dependOnClassesThat().resideInAPackage("dev.parceler.scheduler..").check(classes);
    }

    @Test
    void onlyTheVolumeOpensADisk() {
        noClasses().that().resideOutsideOfPackages("dev.parceler.volume..", "dev.parceler.storage..")
                .should().callConstructorWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                        JavaClass.Predicates.assignableTo(Disk.class))))
                .orShould().callMethod(S3Disk.class, "open", S3Settings.class, S3Disk.MarkerNames.class)
                .because("Volume.open picks the repositories' disk, once, from the settings (and BackupShelf.open the backups' bucket)").check(classes);
    }

    /** What changes the served snapshot is recorded where it is written: the stores, the snapshot writers and cleaner. */
    @Test
    void noCommandRouteOrJobRecordsAServingChange() {
        noClasses().that().resideOutsideOfPackages("dev.parceler.repository..", "dev.parceler.snapshot..", "dev.parceler.laravel..")
                .should().callMethod(dev.parceler.snapshot.SnapshotChanges.class, "record", String.class)
                .orShould().callMethodWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                        JavaClass.Predicates.equivalentTo(dev.parceler.repository.ServingChanges.class))))
                .because("a store write that changes what is served moves the counter in its own transaction").check(classes);
    }

    @Test
    void nothingAsksWhichDiskItHas() {
        classes().should(new ArchCondition<JavaClass>("not ask with instanceof which disk or volume it has") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                for (JavaCodeUnit unit : type.getCodeUnits()) {
                    for (InstanceofCheck check : unit.getInstanceofChecks()) {
                        JavaClass checked = check.getRawType();
                        if (checked.isAssignableTo(Disk.class) || checked.isAssignableTo(Volume.class)) {
                            events.add(SimpleConditionEvent.violated(check, unit.getFullName() + " checks instanceof " + checked.getName()
                                    + " in (" + unit.getSourceCodeLocation().getSourceFileName() + ":" + check.getLineNumber() + ")"));
                        }
                    }
                }
            }
        }).because("what differs between the disks is the volume's to say").check(classes);
    }

    @Test
    void namesSayWhatThingsAre() {
        noClasses().should().haveSimpleNameEndingWith("Manager").orShould().haveSimpleNameEndingWith("Helper")
                .orShould().haveSimpleNameEndingWith("Util").orShould().haveSimpleNameEndingWith("Utils")
                .check(classes);
    }

    @Test
    void noStaticMutableState() {
        fields().that().areStatic().and().areDeclaredInClassesThat().areNotEnums().and().doNotHaveName("$VALUES")
                .should().beFinal().because("state lives in objects that a composition root builds").check(classes);
    }

    @Test
    void jobRequestsAreRecords() {
        classes().that().implement("org.jobrunr.jobs.lambdas.JobRequest").should().beRecords()
                .because("job requests are a wire format of values").check(classes);
    }
}
