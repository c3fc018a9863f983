package dev.aigcmark.testing;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.conditions.ArchConditions.callMethod;
import static com.tngtech.archunit.lang.conditions.ArchConditions.callMethodWhere;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;

/**
 * The house rules that a compiler does not check, as ArchUnit rules, applied to the production classes of every
 * module by {@code verifier-cli}'s ArchitectureTest (all SDK modules, the server and the CLI are on its test class
 * path) and by {@code sdk-spark}'s. Each rule takes the classes it judges and the packages it exempts, so
 * {@code ArchitectureRulesTest} can show that it fails on a class that breaks it.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /**
     * Our production classes on the test class path: no test classes, neither a module's own
     * {@code target/test-classes} nor another module's test-jar (this class is in one).
     */
    public static JavaClasses productionClasses(String... packages) {
        ImportOption notTestJars = location -> !location.contains("-tests.jar") && !location.contains("/test-classes/");
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(notTestJars).importPackages(packages);
    }

    /**
     * Nothing outside {@code allowedPackages} (the command-line programs) and {@code allowedClasses} (a program's
     * entry class living among library code) writes to the standard streams (including {@code printStackTrace()})
     * or ends the JVM: a library embedded in an upload pipeline must not print into its logs or kill it.
     */
    public static ArchRule noPrintingOrExiting(Collection<String> allowedPackages, Collection<String> allowedClasses) {
        ArchCondition<JavaClass> exit = callMethod(System.class, "exit", int.class)
                .or(callMethod(Runtime.class, "exit", int.class))
                .or(callMethod(Runtime.class, "halt", int.class))
                .as("end the JVM");
        // By name: with archunit.properties the JDK's classes are not imported, so "a Throwable's printStackTrace()"
        // (ArchUnit's own ACCESS_STANDARD_STREAMS) cannot see that an exception is a Throwable.
        ArchCondition<JavaClass> printStackTrace = callMethodWhere(describe("printStackTrace()",
                call -> call.getTarget().getName().equals("printStackTrace")
                        && call.getTarget().getRawParameterTypes().isEmpty()))
                .as("print a stack trace to System.err");
        return noClasses().that(outside(allowedPackages, allowedClasses))
                .should(ACCESS_STANDARD_STREAMS).orShould(printStackTrace).orShould(exit)
                .allowEmptyShould(true);
    }

    /**
     * Nothing outside {@code allowedPackages} and {@code allowedClasses} reads environment variables: configuration
     * reaches the SDK through what its caller passes. Each allowed class needs its reason, given by the caller.
     */
    public static ArchRule noEnvironment(Collection<String> allowedPackages, Collection<String> allowedClasses) {
        ArchCondition<JavaClass> environment = callMethod(System.class, "getenv", String.class)
                .or(callMethod(System.class, "getenv"))
                .as("read environment variables");
        return noClasses().that(outside(allowedPackages, allowedClasses)).should(environment)
                .allowEmptyShould(true);
    }

    private static DescribedPredicate<JavaClass> outside(Collection<String> packages, Collection<String> classes) {
        DescribedPredicate<JavaClass> inPackages = JavaClass.Predicates.resideInAnyPackage(packages.toArray(String[]::new));
        return describe("are outside " + packages + " and not one of " + classes,
                c -> !inPackages.test(c) && !classes.contains(topLevel(c).getName()));
    }

    private static JavaClass topLevel(JavaClass type) {
        return type.getEnclosingClass().map(ArchitectureRules::topLevel).orElse(type);
    }

    /**
     * No public or protected signature of a type in an API package (supertypes, fields, methods, constructors,
     * type parameters, thrown exceptions) names a type from an {@code ..internal..} package: such a type would be
     * part of the API in all but name, and JPMS would make it unusable for callers.
     */
    public static ArchRule apiSignaturesNameNoInternalType(Collection<String> apiPackages) {
        return classes().that(apiTypes(apiPackages)).should(nameNoInternalTypeInTheirSignatures())
                .allowEmptyShould(true);
    }

    /** API packages depend on nothing in {@code providerPackages} (the service-provider modules). */
    public static ArchRule apiDoesNotDependOnProviders(Collection<String> apiPackages,
                                                       Collection<String> providerPackages) {
        return noClasses().that().resideInAnyPackage(apiPackages.toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage(providerPackages.toArray(String[]::new))
                .allowEmptyShould(true);
    }

    /**
     * Every package of the SDK modules ({@code sdkPackages}, e.g. {@code dev.aigcmark.core..}) is an API package
     * or lies under an {@code internal} package: a new package is internal unless it is added on purpose to the
     * API (its module-info and the API report).
     */
    public static ArchRule everyPackageIsApiOrInternal(Collection<String> sdkPackages, Collection<String> apiPackages) {
        return classes().that().resideInAnyPackage(sdkPackages.toArray(String[]::new))
                .should().resideInAnyPackage(apiPackages.toArray(String[]::new))
                .orShould().resideInAPackage("..internal..")
                .allowEmptyShould(true);
    }

    private static DescribedPredicate<JavaClass> apiTypes(Collection<String> apiPackages) {
        return describe("are visible types of the API packages " + apiPackages,
                c -> apiPackages.contains(c.getPackageName()) && visibleOutside(c));
    }

    /** Public, or protected inside a type that is itself visible: what a caller can name. */
    static boolean visibleOutside(JavaClass type) {
        Set<JavaModifier> modifiers = type.getModifiers();
        boolean open = modifiers.contains(JavaModifier.PUBLIC)
                || (type.isNestedClass() && modifiers.contains(JavaModifier.PROTECTED));
        return open && type.getEnclosingClass().map(ArchitectureRules::visibleOutside).orElse(true);
    }

    private static boolean visibleOutside(JavaMember member) {
        Set<JavaModifier> modifiers = member.getModifiers();
        return (modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED))
                && !modifiers.contains(JavaModifier.SYNTHETIC) && !modifiers.contains(JavaModifier.BRIDGE);
    }

    private static ArchCondition<JavaClass> nameNoInternalTypeInTheirSignatures() {
        return new ArchCondition<>("name no type of an ..internal.. package in their public or protected signatures") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                Set<String> leaks = new TreeSet<>();
                type.getSuperclass().ifPresent(s -> collect(type.getName() + " extends", s.getAllInvolvedRawTypes(), leaks));
                for (JavaType i : type.getInterfaces()) {
                    collect(type.getName() + " implements", i.getAllInvolvedRawTypes(), leaks);
                }
                type.getTypeParameters().forEach(p -> collect(type.getName() + " type parameter",
                        p.getAllInvolvedRawTypes(), leaks));
                for (JavaField field : type.getFields()) {
                    if (visibleOutside(field)) {
                        collect(field.getFullName(), field.getType().getAllInvolvedRawTypes(), leaks);
                    }
                }
                for (JavaCodeUnit unit : type.getCodeUnits()) {
                    if (visibleOutside(unit)) {
                        collect(unit.getFullName(), unit.getAllInvolvedRawTypes(), leaks);
                        collect(unit.getFullName(), Set.copyOf(unit.getExceptionTypes()), leaks);
                    }
                }
                for (String leak : leaks) {
                    events.add(SimpleConditionEvent.violated(type, leak));
                }
            }
        };
    }

    private static void collect(String where, Set<JavaClass> involved, Set<String> leaks) {
        for (JavaClass c : involved) {
            JavaClass base = c.isArray() ? c.getBaseComponentType() : c;
            if (isInternal(base.getPackageName())) {
                leaks.add(where + " names the internal type " + base.getName());
            }
        }
    }

    static boolean isInternal(String packageName) {
        return packageName.endsWith(".internal") || packageName.contains(".internal.");
    }
}
