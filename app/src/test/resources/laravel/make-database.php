<?php
// Makes a database as the Laravel Parceler makes it, with Laravel's own schema builder and
// Eloquent (Debian's php-cli, php-sqlite3 and php-laravel-framework): the schema of the Laravel
// Parceler's migrations (its create_users, create_cache, create_jobs, create_repositories and
// create_personal_access_tokens tables, and Laravel's migrations table), repositories created
// as its repository:create command does and frozen as repository:freeze does, and a queued job.
//
//   php make-database.php DATABASE REPOSITORIES.json
//
// REPOSITORIES.json: [{"name": ..., "command": ..., "sub_dir": ... or null, "delay": ..., "freeze": ... or null}, ...]
// LaravelMoveInIT runs it; run it by hand the same way to look at the result with sqlite3.

require_once 'Illuminate/autoload.php';

use Illuminate\Database\Capsule\Manager as Capsule;
use Illuminate\Database\Eloquent\Model;
use Illuminate\Database\Schema\Blueprint;

[$script, $database, $repositories] = $argv;
touch($database);
$capsule = new Capsule();
$capsule->addConnection(['driver' => 'sqlite', 'database' => $database, 'prefix' => '']);
$capsule->setAsGlobal();
$capsule->bootEloquent();
$schema = Capsule::schema();

$schema->create('migrations', function (Blueprint $table) {
    $table->increments('id');
    $table->string('migration');
    $table->integer('batch');
});
$schema->create('users', function (Blueprint $table) {
    $table->id();
    $table->string('name');
    $table->string('email')->unique();
    $table->timestamp('email_verified_at')->nullable();
    $table->string('password');
    $table->rememberToken();
    $table->timestamps();
});
$schema->create('password_reset_tokens', function (Blueprint $table) {
    $table->string('email')->primary();
    $table->string('token');
    $table->timestamp('created_at')->nullable();
});
$schema->create('sessions', function (Blueprint $table) {
    $table->string('id')->primary();
    $table->foreignId('user_id')->nullable()->index();
    $table->string('ip_address', 45)->nullable();
    $table->text('user_agent')->nullable();
    $table->longText('payload');
    $table->integer('last_activity')->index();
});
$schema->create('cache', function (Blueprint $table) {
    $table->string('key')->primary();
    $table->mediumText('value');
    $table->integer('expiration');
});
$schema->create('cache_locks', function (Blueprint $table) {
    $table->string('key')->primary();
    $table->string('owner');
    $table->integer('expiration');
});
$schema->create('jobs', function (Blueprint $table) {
    $table->id();
    $table->string('queue')->index();
    $table->longText('payload');
    $table->unsignedTinyInteger('attempts');
    $table->unsignedInteger('reserved_at')->nullable();
    $table->unsignedInteger('available_at');
    $table->unsignedInteger('created_at');
});
$schema->create('job_batches', function (Blueprint $table) {
    $table->string('id')->primary();
    $table->string('name');
    $table->integer('total_jobs');
    $table->integer('pending_jobs');
    $table->integer('failed_jobs');
    $table->longText('failed_job_ids');
    $table->mediumText('options')->nullable();
    $table->integer('cancelled_at')->nullable();
    $table->integer('created_at');
    $table->integer('finished_at')->nullable();
});
$schema->create('failed_jobs', function (Blueprint $table) {
    $table->id();
    $table->string('uuid')->unique();
    $table->text('connection');
    $table->text('queue');
    $table->longText('payload');
    $table->longText('exception');
    $table->timestamp('failed_at')->useCurrent();
});
$schema->create('repositories', function (Blueprint $table) {
    $table->id();
    $table->string('name')->unique();
    $table->longText('command');
    $table->string('sub_dir')->nullable();
    $table->integer('delay');
    $table->string('freeze')->nullable();
    $table->timestamps();
});
$schema->create('personal_access_tokens', function (Blueprint $table) {
    $table->id();
    $table->morphs('tokenable');
    $table->text('name');
    $table->string('token', 64)->unique();
    $table->text('abilities')->nullable();
    $table->timestamp('last_used_at')->nullable();
    $table->timestamp('expires_at')->nullable()->index();
    $table->timestamps();
});
$batch = 1;
foreach (['0001_01_01_000000_create_users_table', '0001_01_01_000001_create_cache_table', '0001_01_01_000002_create_jobs_table',
    '2024_04_12_173557_create_repositories_table', '2025_11_12_113940_create_personal_access_tokens_table'] as $migration) {
    Capsule::table('migrations')->insert(['migration' => $migration, 'batch' => $batch]);
}

class Repository extends Model
{
    protected $fillable = ['name', 'command', 'sub_dir', 'delay'];
}

foreach (json_decode(file_get_contents($repositories), true) as $given) {
    // repository:create
    $repository = Repository::create([
        'name' => $given['name'],
        'command' => $given['command'],
        'sub_dir' => $given['sub_dir'],
        'delay' => $given['delay'],
    ]);
    // repository:freeze
    if ($given['freeze'] !== null) {
        $repository->freeze = $given['freeze'];
        $repository->save();
    }
}

// A sync the Laravel workers had not run yet, as the database queue stores it.
Capsule::table('jobs')->insert([
    'queue' => 'default',
    'payload' => json_encode(['uuid' => '6d7f0b6e-0000-4000-8000-000000000001', 'displayName' => 'App\\Jobs\\SyncRepository',
        'job' => 'Illuminate\\Queue\\CallQueuedHandler@call', 'maxTries' => null, 'data' => ['commandName' => 'App\\Jobs\\SyncRepository']]),
    'attempts' => 0,
    'available_at' => time(),
    'created_at' => time(),
]);
echo "made $database\n";
